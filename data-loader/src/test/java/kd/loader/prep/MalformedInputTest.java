package kd.loader.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kd.common.data.DatasetManifest.Rejected;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.events.RunExperiment.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalformedInputTest {

    static final String HEADER =
            String.join(
                            "\t",
                            "sentence orig_sentence pos_sentence subj verb subj_pos has_rel has_nsubj"
                                    .split(" "))
                    + "\t"
                    + String.join(
                            "\t",
                            ("verb_pos subj_index verb_index n_intervening last_intervening"
                                            + " n_diff_intervening distance max_depth all_nouns"
                                            + " nouns_up_to_verb")
                                    .split(" "));

    /** A Linzen row; the arguments are the columns that vary. */
    static String row(
            String sentence,
            String tags,
            String verbTag,
            int subject,
            int verb,
            int intervening,
            int attractors) {
        String[] w = sentence.split(" ");
        return String.join(
                "\t",
                sentence,
                sentence,
                tags,
                w[subject - 1],
                w[verb - 1],
                tags.split(" ")[subject - 1],
                "False",
                "True",
                verbTag,
                Integer.toString(subject),
                Integer.toString(verb),
                Integer.toString(intervening),
                "NN",
                Integer.toString(attractors),
                Integer.toString(verb - subject),
                "1",
                "_",
                "_");
    }

    static byte[] lines(Object... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object line : lines) {
            byte[] bytes =
                    line instanceof byte[] b ? b : ((String) line).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(bytes);
            out.write('\n');
        }
        return out.toByteArray();
    }

    static final String GOOD_1 =
            row(
                    "the keys to the cabinet are on the table",
                    "DT NNS TO DT NN VBP IN DT NN",
                    "VBP",
                    2,
                    6,
                    1,
                    1);
    static final String GOOD_2 = row("the author writes books", "DT NN VBZ NNS", "VBZ", 2, 3, 0, 0);
    static final String GOOD_3 =
            row("the dogs near the cat run", "DT NNS IN DT NN VBP", "VBP", 2, 6, 1, 1);

    @Test
    void badLinesAreLeftOutAndNamedInTheManifest(@TempDir Path root) throws IOException {
        String shortRow = GOOD_2.substring(0, GOOD_2.lastIndexOf('\t'));
        String pastTense = row("the author wrote books", "DT NN VBD NNS", "VBD", 2, 3, 0, 0);
        String farVerb = GOOD_2.replace("\t2\t3\t0\t", "\t2\t12\t0\t");
        byte[] notUtf8 = GOOD_2.replace("author", "auth\u0000r").getBytes(StandardCharsets.UTF_8);
        notUtf8[GOOD_2.indexOf("author") + 4] = (byte) 0xc3; // a lead byte followed by 'r'
        Files.write(
                root.resolve("agr.tsv"),
                lines(HEADER, GOOD_1, shortRow, GOOD_2, pastTense, farVerb, notUtf8, GOOD_3));

        Files.write(
                root.resolve("numpred.bad"),
                lines(
                        "VBZ\tthe dog",
                        "VBX\tthe dogs",
                        "VBP",
                        new byte[] {'V', 'B', 'P', '\t', (byte) 0xff},
                        "VBP\tthe dogs"));

        String table =
                ConlluSample
                        .TABLE_IS_SET; // one good sentence, 1 instance, 8 token lines + 2 comments
        String nineColumns = table.replace("\t5:det\t_", "\t5:det");
        String farHead =
                table.replace(
                        "2\tother\tother\tADJ\tJJ\tDegree=Pos\t3",
                        "2\tother\tother\tADJ\tJJ\tDegree=Pos\t40");
        Files.write(
                root.resolve("bad.conllu"),
                (table + "\n" + nineColumns + "\n" + farHead).getBytes(StandardCharsets.UTF_8));

        DatasetSpec spec =
                new DatasetSpec(
                        "linzen-tsv",
                        List.of("agr.tsv"),
                        Map.of("numpred-extra", "numpred.bad", "ud-extra", "bad.conllu"),
                        List.of(1.0, 0.0, 0.0),
                        5,
                        null,
                        null,
                        null);
        PreparedDataset dataset = new Preparer(List.of(root)).prepare(spec, "classification");

        assertEquals(
                Set.of("agr.tsv:2", "agr.tsv:4", "agr.tsv:8"),
                dataset.splits().get("train").stream()
                        .map(Example::id)
                        .collect(Collectors.toSet()));
        assertEquals(
                List.of("numpred.bad:1", "numpred.bad:5"),
                dataset.splits().get("numpred-extra").stream().map(Example::id).toList());
        assertEquals(
                List.of("bad.conllu:7"),
                dataset.splits().get("ud-extra").stream().map(Example::id).toList());
        // Line 2: "the keys to the cabinet are ...", subject 2, verb 6: distance 4, "cabinet"
        // the one intervening noun and an attractor; the verb sits after <s> at index 6.
        Example keys =
                dataset.splits().get("train").stream()
                        .filter(e -> e.id().equals("agr.tsv:2"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                List.of(Example.PLURAL, 4, 1, 1, 6, 6),
                List.of(
                        keys.label(),
                        keys.distance(),
                        keys.intervening(),
                        keys.attractors(),
                        keys.verbPosition(),
                        keys.input().length));
        // Sentence 2 of bad.conllu: its line 6 of 10 ("4 the ...") lies on file line 11 + 6 = 17.
        // Sentence 3: its line 4 ("2 other ...") lies on file line 22 + 4 = 26.
        assertEquals(
                List.of(
                        new Rejected("agr.tsv", 3, "expected 18 tab-separated columns, found 17"),
                        new Rejected("agr.tsv", 5, "unknown label 'VBD'"),
                        new Rejected("agr.tsv", 6, "verb_index 12 out of range 2..4"),
                        new Rejected("agr.tsv", 7, "invalid UTF-8"),
                        new Rejected("numpred.bad", 2, "unknown label 'VBX'"),
                        new Rejected("numpred.bad", 3, "expected 2 tab-separated columns, found 1"),
                        new Rejected("numpred.bad", 4, "invalid UTF-8"),
                        new Rejected(
                                "bad.conllu", 17, "expected 10 tab-separated columns, found 9"),
                        new Rejected("bad.conllu", 26, "HEAD 40 out of range 0..8")),
                dataset.manifest().rejected());
    }
}
