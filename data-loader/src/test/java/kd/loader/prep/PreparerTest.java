package kd.loader.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.data.Vocabulary;
import kd.common.events.RunExperiment.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparerTest {

    static DatasetSpec numpred(List<String> train, Map<String, String> testSets, int seed) {
        return new DatasetSpec(
                "numpred", train, testSets, List.of(1.0, 0.0, 0.0), seed, null, null, null);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void sameSourcesAndParametersGiveTheSameId(@TempDir Path other) throws IOException {
        Path shared = SharedData.agreement();
        DatasetSpec spec =
                new DatasetSpec(
                        "numpred",
                        List.of("linzen-numpred/numpred.test.5"),
                        null,
                        List.of(0.8, 0.1, 0.1),
                        3,
                        50,
                        null,
                        null);
        String id = new Preparer(List.of(shared)).prepare(spec, "classification").id();

        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals(id, new Preparer(List.of(shared)).prepare(spec, "classification").id());

        // The same bytes under the same name in another root: the same id.
        Files.createDirectories(other.resolve("linzen-numpred"));
        Files.copy(
                shared.resolve("linzen-numpred/numpred.test.5"),
                other.resolve("linzen-numpred/numpred.test.5"));
        assertEquals(id, new Preparer(List.of(other)).prepare(spec, "classification").id());

        // Any parameter or byte changed: another id.
        DatasetSpec otherSeed =
                new DatasetSpec("numpred", spec.train(), null, spec.split(), 4, 50, null, null);
        assertNotEquals(
                id, new Preparer(List.of(shared)).prepare(otherSeed, "classification").id());
        DatasetSpec otherSize =
                new DatasetSpec("numpred", spec.train(), null, spec.split(), 3, 51, null, null);
        assertNotEquals(
                id, new Preparer(List.of(shared)).prepare(otherSize, "classification").id());
        Files.writeString(
                other.resolve("linzen-numpred/numpred.test.5"),
                "VBZ\tthe dog\nVBP\tthe dogs\n",
                StandardCharsets.UTF_8);
        assertNotEquals(id, new Preparer(List.of(other)).prepare(spec, "classification").id());
    }

    /*
     * Train file (split 1/0/0, so every line is train): the dog / the dogs / the NN.
     * Counts: the 3, NN 1, dog 1, dogs 1; ties go alphabetically, and "NN" < "dog" < "dogs" in
     * code-point order. Size 7 = 5 special tokens + "the" + "NN". numpred gives no tags, so
     * "dog" (cut) and "zebra" (test only) become <unk> (id 1).
     */
    @Test
    void vocabularyComesFromTheTrainSplitOnly(@TempDir Path root) throws IOException {
        write(root.resolve("numpred.small"), "VBZ\tthe dog\nVBP\tthe dogs\nVBZ\tthe NN\n");
        write(root.resolve("numpred.extra"), "VBZ\tthe zebra\nVBZ\tthe NN\n");
        DatasetSpec spec =
                new DatasetSpec(
                        "numpred",
                        List.of("numpred.small"),
                        Map.of("extra", "numpred.extra"),
                        List.of(1.0, 0.0, 0.0),
                        1,
                        7,
                        null,
                        null);
        PreparedDataset d = new Preparer(List.of(root)).prepare(spec, "classification");

        assertEquals(
                List.of("<pad>", "<unk>", "<s>", "</s>", "<cls>", "the", "NN"),
                d.vocabulary().tokens());
        List<Example> extra = d.splits().get("extra");
        assertArrayEquals(new int[] {5, 1, Vocabulary.END}, extra.get(0).input());
        assertArrayEquals(new int[] {5, 6, Vocabulary.END}, extra.get(1).input());
        assertArrayEquals(new int[0], extra.get(0).sentence());
        assertEquals(-1, extra.get(0).verbPosition());
        assertEquals(Map.of(), d.vocabulary().verbPairs());
    }

    /*
     * Train: the EWT sentence "In other words the table is set ." (one instance, lm setup, so
     * the whole sentence is counted). Its tags: IN JJ NNS DT NN VBZ VBN . — every one of them
     * is a token. Test set: "The zebra sleeps ." where "zebra" (NN) is not in train, so it is
     * written as the token "NN"; "sleeps" (VBZ) as "VBZ".
     */
    @Test
    void wordOnlyInTestBecomesItsTag(@TempDir Path root) throws IOException {
        write(root.resolve("train.conllu"), ConlluSample.TABLE_IS_SET);
        write(
                root.resolve("zebra.conllu"),
                """
                1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
                2\tzebra\tzebra\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_
                3\tsleeps\tsleep\tVERB\tVBZ\t_\t0\troot\t_\t_
                4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
                """);
        DatasetSpec spec =
                new DatasetSpec(
                        "conllu",
                        List.of("train.conllu"),
                        Map.of("zoo", "zebra.conllu"),
                        List.of(1.0, 0.0, 0.0),
                        1,
                        null,
                        null,
                        null);
        PreparedDataset d = new Preparer(List.of(root)).prepare(spec, "lm");
        Vocabulary v = d.vocabulary();

        Example zebra = d.splits().get("zoo").get(0);
        assertEquals(-1, v.id("zebra"));
        assertArrayEquals(new int[] {v.id("the"), v.id("NN"), Vocabulary.END}, zebra.input());
        assertArrayEquals(
                new int[] {
                    Vocabulary.BEGIN,
                    v.id("the"),
                    v.id("NN"),
                    v.id("VBZ"),
                    v.id("."),
                    Vocabulary.END
                },
                zebra.sentence());
        assertEquals(3, zebra.verbPosition());
        // 5 special tokens, 8 distinct words, and the tags IN JJ NNS DT NN VBZ VBN ("." is a word).
        assertEquals(5 + 8 + 7, v.size());
    }

    @Test
    void writtenFolderReadsBackEqual(@TempDir Path root) throws IOException {
        DatasetSpec spec =
                new DatasetSpec(
                        "generated",
                        null,
                        Map.of("blimp", "blimp/regular_plural_subject_verb_agreement_1.jsonl"),
                        List.of(0.8, 0.1, 0.1),
                        11,
                        null,
                        null,
                        new kd.common.events.RunExperiment.GeneratorSpec(200, 2, 10));
        PreparedDataset d = new Preparer(List.of(SharedData.agreement())).prepare(spec, "lm");
        DatasetFolder.write(d, root.resolve("out"));

        assertEquals(d, DatasetFolder.read(root.resolve("out")));
        assertEquals(1000, d.minimalPairs().get("blimp").size());
        assertEquals(Map.of("blimp", 1000), d.manifest().minimalPairs());
        assertEquals(
                List.of(160, 20, 20),
                List.of(
                        d.splits().get("train").size(),
                        d.splits().get("validation").size(),
                        d.splits().get("test").size()));
        assertFalse(Files.exists(root.resolve("out/manifest.json.partial")));
    }

    @Test
    void missingOutsideOrEmptyInputIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("root");
        write(root.resolve("only-bad.tsv"), MalformedInputTest.HEADER + "\nnot a row\n");
        write(dir.resolve("outside/numpred.val"), "VBZ\tthe dog\n");
        Files.createSymbolicLink(root.resolve("link.val"), dir.resolve("outside/numpred.val"));
        Preparer preparer = new Preparer(List.of(root));

        assertEquals(
                "input file not found: nothere.val",
                assertThrows(
                                PreparationException.class,
                                () ->
                                        preparer.prepare(
                                                numpred(List.of("nothere.val"), null, 1),
                                                "classification"))
                        .getMessage());
        for (String path :
                List.of(
                        "../outside/numpred.val",
                        dir.resolve("outside/numpred.val").toString(),
                        "link.val")) {
            assertEquals(
                    "input file outside the data roots: " + path,
                    assertThrows(
                                    PreparationException.class,
                                    () ->
                                            preparer.prepare(
                                                    numpred(List.of(path), null, 1),
                                                    "classification"))
                            .getMessage());
        }
        DatasetSpec tsv =
                new DatasetSpec(
                        "linzen-tsv", List.of("only-bad.tsv"), null, null, 1, null, null, null);
        assertEquals(
                "no usable item in only-bad.tsv",
                assertThrows(
                                PreparationException.class,
                                () -> preparer.prepare(tsv, "classification"))
                        .getMessage());
        assertEquals(
                "numpred holds only prefixes, the lm setup needs whole sentences",
                assertThrows(
                                PreparationException.class,
                                () -> preparer.prepare(numpred(List.of("link.val"), null, 1), "lm"))
                        .getMessage());
    }
}
