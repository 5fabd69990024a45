package kd.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DatasetCodecTest {

    private static final List<Example> EXAMPLES =
            List.of(
                    new Example(
                            "numpred.val:1", 1, new int[] {7, 300, 3}, new int[0], -1, -1, 3, 3),
                    new Example(
                            "gen:7:0",
                            0,
                            new int[] {2, 70000, 3},
                            new int[] {2, 5, 70000, 9, 3},
                            3,
                            2,
                            0,
                            0));

    @Test
    void examplesSurviveTheRoundTrip() {
        assertEquals(EXAMPLES, DatasetCodec.decodeExamples(DatasetCodec.encodeExamples(EXAMPLES)));
        assertEquals(
                List.of(), DatasetCodec.decodeExamples(DatasetCodec.encodeExamples(List.of())));
    }

    @Test
    void pairsSurviveTheRoundTrip() {
        List<MinimalPair> pairs =
                List.of(
                        new MinimalPair(
                                "a.jsonl:1", new int[] {2, 8, 9, 3}, new int[] {2, 8, 10, 3}),
                        new MinimalPair("a.jsonl:2", new int[] {2, 3}, new int[] {2, 1, 3}));
        assertEquals(pairs, DatasetCodec.decodePairs(DatasetCodec.encodePairs(pairs)));
    }

    @Test
    void headerIsMagicThenVersion() {
        byte[] bytes = DatasetCodec.encodeExamples(EXAMPLES);
        // "KDEX" in ASCII, then the version 1 as a big-endian int, then the gzip magic 1f 8b.
        assertArrayEquals(
                new byte[] {'K', 'D', 'E', 'X', 0, 0, 0, 1, 0x1f, (byte) 0x8b},
                Arrays.copyOf(bytes, 10));
        byte[] pairs = DatasetCodec.encodePairs(List.of());
        assertArrayEquals(new byte[] {'K', 'D', 'M', 'P', 0, 0, 0, 1}, Arrays.copyOf(pairs, 8));
    }

    @Test
    void refusesOtherFilesAndTruncatedOnes() {
        byte[] examples = DatasetCodec.encodeExamples(EXAMPLES);
        IllegalArgumentException wrongKind =
                assertThrows(
                        IllegalArgumentException.class, () -> DatasetCodec.decodePairs(examples));
        assertEquals("not an encoded minimal pairs file", wrongKind.getMessage());

        byte[] newer = examples.clone();
        newer[7] = 2;
        assertEquals(
                "encoded examples version 2, this reader knows 1",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> DatasetCodec.decodeExamples(newer))
                        .getMessage());

        byte[] cut = Arrays.copyOf(examples, examples.length - 12);
        assertThrows(IllegalArgumentException.class, () -> DatasetCodec.decodeExamples(cut));
    }

    @Test
    void vocabularyIsJson() {
        Vocabulary v =
                new Vocabulary(
                        List.of("<pad>", "<unk>", "<s>", "</s>", "<cls>", "is", "are"),
                        Map.of("is", "are"));
        assertEquals(v, DatasetCodec.decodeVocabulary(DatasetCodec.encodeVocabulary(v)));
    }

    @Test
    void manifestSurvivesJson() {
        TreeMap<String, TreeMap<Integer, Integer>> hist = new TreeMap<>();
        hist.put("train", new TreeMap<>(Map.of(-1, 4, 2, 1)));
        DatasetManifest m =
                new DatasetManifest(
                        "abc",
                        "numpred",
                        List.of(new DatasetManifest.Source("train", "numpred.val", "00ff")),
                        new TreeMap<>(Map.of("seed", "1")),
                        new TreeMap<>(Map.of("train", new TreeMap<>(Map.of("singular", 3)))),
                        new TreeMap<>(hist),
                        new TreeMap<>(hist),
                        new TreeMap<>(Map.of("blimp", 1000)),
                        12,
                        List.of(new DatasetManifest.Rejected("numpred.val", 7, "empty prefix")));
        assertEquals(m, DatasetManifest.fromJson(m.toJson()));
    }
}
