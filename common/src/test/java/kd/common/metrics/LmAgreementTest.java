package kd.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import kd.common.data.Example;
import org.junit.jupiter.api.Test;

class LmAgreementTest {

    private static Example item(String id, int distance) {
        return new Example(id, 0, new int[0], new int[0], 3, distance, 0, 0);
    }

    @Test
    void itemsWithoutAVerbPairAreCountedAndLeftOut() {
        // a: −1 > −2 right; b: −3 < −2 wrong; c: no pair, left out; d: −2 = −2 a tie, wrong.
        // Scored: a, b, d → 1/3. Distance bins 1 → a (1/1), 2 → b, d (0/2): D = (1 + 0) / 2.
        List<Example> items = List.of(item("a", 1), item("b", 2), item("c", 1), item("d", 2));
        LmAgreement.Result r =
                LmAgreement.compute(
                        items,
                        new double[] {-1, -3, -1, -2},
                        new double[] {-2, -2, LmAgreement.NO_PAIR, -2});
        assertEquals(1, r.excluded());
        assertEquals(3, r.accuracy().items());
        assertEquals(1.0 / 3, r.accuracy().micro(), 1e-12);
        assertEquals(0.5, r.accuracy().distance(), 1e-12);
    }

    @Test
    void noScorableItemIsAnError() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        LmAgreement.compute(
                                List.of(item("a", 1)),
                                new double[] {-1},
                                new double[] {LmAgreement.NO_PAIR}));
    }

    @Test
    void minimalPairsNeedAStrictlyHigherGoodScore() {
        // −1 > −2 right; −5 < −4 wrong; −3 = −3 wrong: 1/3.
        assertEquals(
                1.0 / 3,
                MinimalPairs.accuracy(new double[] {-1, -5, -3}, new double[] {-2, -4, -3}),
                1e-12);
    }
}
