package kd.loader.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kd.common.data.DatasetCodec;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.data.Vocabulary;
import kd.common.events.RunExperiment.DatasetSpec;
import kd.common.events.RunExperiment.GeneratorSpec;
import kd.loader.prep.generate.Lexicon;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private final Preparer preparer = new Preparer(List.of(SharedData.agreement()));

    private PreparedDataset generate(int seed, int items, int maxAttractors, int maxDistance) {
        return preparer.prepare(
                new DatasetSpec(
                        "generated",
                        null,
                        null,
                        List.of(1.0, 0.0, 0.0),
                        seed,
                        null,
                        null,
                        new GeneratorSpec(items, maxAttractors, maxDistance)),
                "lm");
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        byte[] first = DatasetCodec.encodeExamples(generate(42, 300, 4, 16).splits().get("train"));
        byte[] again = DatasetCodec.encodeExamples(generate(42, 300, 4, 16).splits().get("train"));
        byte[] other = DatasetCodec.encodeExamples(generate(43, 300, 4, 16).splits().get("train"));

        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
        assertArrayEquals(
                DatasetCodec.encodeVocabulary(generate(42, 300, 4, 16).vocabulary()),
                DatasetCodec.encodeVocabulary(generate(42, 300, 4, 16).vocabulary()));
    }

    /*
     * 30 items, at most 2 attractors, distance at most 8. Item i has a = i mod 3 attractors, so
     * 10 items each. Shortest distance m(a) = 3a + 1: 1, 4, 7. Within one a, the j-th item has
     * distance m(a) + j mod (8 - m(a) + 1):
     *   a = 0, j = 0..9: 1 2 3 4 5 6 7 8 1 2
     *   a = 1, j = 0..9: 4 5 6 7 8 4 5 6 7 8
     *   a = 2, j = 0..9: 7 8 7 8 7 8 7 8 7 8
     * Distance histogram: 1:2, 2:2, 3:1, 4:3, 5:3, 6:3, 7:8, 8:8.
     */
    @Test
    void requestedHistogramsHoldExactly() {
        PreparedDataset d = generate(7, 30, 2, 8);

        assertEquals(Map.of(0, 10, 1, 10, 2, 10), d.manifest().attractors().get("train"));
        assertEquals(
                new TreeMap<>(Map.of(1, 2, 2, 2, 3, 1, 4, 3, 5, 3, 6, 3, 7, 8, 8, 8)),
                d.manifest().distances().get("train"));
        assertEquals(
                Map.of(0, 10, 1, 10, 2, 10), tally(d.splits().get("train"), Example::attractors));
    }

    /*
     * The recorded numbers must describe the words: read each sentence back through the
     * lexicon, find the subject at verbPosition − distance, and count the nouns in between.
     */
    @Test
    void recordedDistanceAndAttractorsMatchTheWords() {
        Map<String, Boolean> nounIsPlural = new HashMap<>();
        Map<String, Boolean> verbIsPlural = new HashMap<>();
        Lexicon lexicon = Lexicon.english();
        lexicon.nouns()
                .forEach(
                        n -> {
                            nounIsPlural.put(n.singular(), false);
                            nounIsPlural.put(n.plural(), true);
                        });
        lexicon.verbPairs()
                .forEach(
                        (s, p) -> {
                            verbIsPlural.put(s, false);
                            verbIsPlural.put(p, true);
                        });
        PreparedDataset d = generate(3, 500, 4, 16);
        Vocabulary v = d.vocabulary();

        for (Example e : d.splits().get("train")) {
            int[] s = e.sentence();
            String verb = v.token(s[e.verbPosition()]);
            String subject = v.token(s[e.verbPosition() - e.distance()]);
            boolean plural = e.label() == Example.PLURAL;
            assertEquals(plural, verbIsPlural.get(verb), e.id());
            assertEquals(plural, nounIsPlural.get(subject), e.id());
            int nouns = 0;
            for (int i = e.verbPosition() - e.distance() + 1; i < e.verbPosition(); i++) {
                Boolean p = nounIsPlural.get(v.token(s[i]));
                if (p != null) {
                    nouns++;
                    assertEquals(!plural, p, e.id() + " has a noun of the subject's number");
                }
            }
            assertEquals(e.attractors(), nouns, e.id());
            assertEquals(e.intervening(), nouns, e.id());
            // The classification input is the sentence up to the verb, then END.
            assertArrayEquals(
                    append(Arrays.copyOfRange(s, 1, e.verbPosition()), Vocabulary.END), e.input());
        }
        assertEquals(
                Map.of("has", "have", "is", "are"),
                Map.of(
                        "has", d.vocabulary().verbPairs().get("has"),
                        "is", d.vocabulary().verbPairs().get("is")));
    }

    @Test
    void tooShortDistanceForTheAttractorsIsRefused() {
        assertEquals(
                "generator maxDistance 6 cannot hold 2 attractors: needs at least 7",
                assertThrows(PreparationException.class, () -> generate(1, 10, 2, 6)).getMessage());
    }

    private static Map<Integer, Integer> tally(
            List<Example> examples, java.util.function.ToIntFunction<Example> f) {
        Map<Integer, Integer> counts = new HashMap<>();
        examples.forEach(e -> counts.merge(f.applyAsInt(e), 1, Integer::sum));
        return counts;
    }

    private static int[] append(int[] a, int last) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = last;
        return b;
    }
}
