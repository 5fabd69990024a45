package kd.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PerplexityTest {

    private static final int PAD = 0;
    private static final float JUNK = -1000f;

    private static float ln(double p) {
        return (float) Math.log(p);
    }

    /**
     * Sentence A predicts w1, w2, END with probabilities 1/2, 1/4, 1/2 and has one padding slot.
     * Sentence B predicts w3, END with 1/8, 1/2 and has two padding slots. Padding carries a junk
     * log-probability that must not count.
     *
     * <p>Total NLL = −ln(2⁻¹ · 2⁻² · 2⁻¹ · 2⁻³ · 2⁻¹) = 8 ln 2 over 5 tokens, so the perplexity is
     * exp(8 ln 2 / 5) = 2^1.6 = 3.0314331330207964. (Averaging per-sentence perplexities instead
     * would give (2^(4/3) + 2^2) / 2 = 3.2599.)
     */
    @Test
    void pooledOverRealTokensWithEndIncludedAndPaddingExcluded() {
        float[][] logProbs = {
            {ln(0.5), ln(0.25), ln(0.5), JUNK, JUNK}, {ln(0.125), ln(0.5), JUNK, JUNK, JUNK}
        };
        int[][] targets = {{7, 8, 2, PAD, PAD}, {9, 2, PAD, PAD, PAD}};
        assertEquals(3.0314331330207964, Perplexity.compute(logProbs, targets, PAD), 1e-5);
    }

    @Test
    void batchesAccumulate() {
        Perplexity ppl = new Perplexity();
        ppl.add(
                new float[][] {{ln(0.5), ln(0.25), ln(0.5), JUNK}},
                new int[][] {{7, 8, 2, PAD}},
                PAD);
        ppl.add(new float[][] {{ln(0.125), ln(0.5)}}, new int[][] {{9, 2}}, PAD);
        assertEquals(5, ppl.tokens());
        assertEquals(8 * Math.log(2), ppl.totalNll(), 1e-5);
        assertEquals(3.0314331330207964, ppl.value(), 1e-5);
    }

    @Test
    void fromTotals() {
        // exp(ln 10 · 3 / 3) = 10.
        assertEquals(10.0, Perplexity.compute(3 * Math.log(10), 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Perplexity.compute(0, 0));
    }
}
