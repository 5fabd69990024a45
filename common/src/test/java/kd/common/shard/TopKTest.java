package kd.common.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheLargestLogitsAndTheLogOfTheRestOfTheMass() {
        TopK top = TopK.of(new float[] {2, 1, 0, -1}, 2);

        assertArrayEquals(new int[] {0, 1}, top.ids());
        assertArrayEquals(new float[] {2, 1}, top.logits());
        // log(e^0 + e^-1) − log(e^2 + e^1 + e^0 + e^-1)
        //   = log(e^-1 (e + 1)) − log(e^-1 (e + 1)(e^2 + 1)) = −log(1 + e^2)
        //   = −(2 + log(1 + e^-2)) = −(2 + 0.1269280110) = −2.1269280110
        assertEquals(-2.1269280110, top.tailLogMass(), 1e-6);
    }

    @Test
    void tailMassFollowsTheTemperatureButLogitsStayRaw() {
        TopK top = TopK.of(new float[] {2, 1, 0, -1}, 2f, 2);

        assertArrayEquals(new float[] {2, 1}, top.logits());
        // At T = 2 the scaled logits are 1, 0.5, 0, -0.5:
        // log(1 + e^-0.5) − log((e + 1)(1 + e^-0.5)) = −log(1 + e) = −1.3132616875
        assertEquals(-1.3132616875, top.tailLogMass(), 1e-6);
    }

    @Test
    void tinyTailIsExactInsteadOfLogOfZero() {
        TopK top = TopK.of(new float[] {100, 0}, 1);

        // log(e^0) − log(e^100 + e^0) = −100 − log(1 + e^-100) = −100 to float precision;
        // 1 − softmax(100) rounds to 0 in double, so the naive form would give −∞.
        assertEquals(-100f, top.tailLogMass());
    }

    @Test
    void keepingEveryLogitLeavesNoTail() {
        TopK top = TopK.of(new float[] {0.5f, -3, 7}, 3);

        assertArrayEquals(new int[] {2, 0, 1}, top.ids());
        assertArrayEquals(new float[] {7, 0.5f, -3}, top.logits());
        assertEquals(Float.NEGATIVE_INFINITY, top.tailLogMass());
    }

    @Test
    void equalLogitsKeepTheLowerIdsAndLeaveTheRestInTheTail() {
        TopK top = TopK.of(new float[] {1, 3, 1, 1}, 2);

        assertArrayEquals(new int[] {1, 0}, top.ids());
        // Kept e^3 + e^1, left e^1 + e^1: log(2e) − log(e^3 + 3e) = log 2 − log(e^2 + 3)
        //   = 0.6931471806 − log(10.3890560989) = 0.6931471806 − 2.3407529539 = −1.6476057734
        assertEquals(-1.6476057734, top.tailLogMass(), 1e-6);
    }

    @Test
    void findsTheTopOfAnIncreasingRow() {
        float[] logits = new float[1000];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = i * 0.01f;
        }

        TopK top = TopK.of(logits, 3);

        assertArrayEquals(new int[] {999, 998, 997}, top.ids());
    }

    @Test
    void refusesKOutsideTheRowAndNonFiniteLogits() {
        assertThrows(IllegalArgumentException.class, () -> TopK.of(new float[] {1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> TopK.of(new float[] {1, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> TopK.of(new float[] {1, Float.NaN}, 1));
    }
}
