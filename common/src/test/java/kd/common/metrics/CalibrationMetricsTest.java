package kd.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationMetricsTest {

    // Inputs such as 0.95f are not exact in binary; 1e-6 covers float rounding.
    private static final double FLOAT = 1e-6;
    private static final double EXACT = 1e-12;

    private static CalibrationSettings positive(int bins, String scheme, String norm) {
        return new CalibrationSettings(bins, scheme, norm, CalibrationSettings.POSITIVE_CLASS);
    }

    private static float[][] binary(float... positive) {
        float[][] p = new float[positive.length][];
        for (int i = 0; i < positive.length; i++) {
            p[i] = new float[] {1 - positive[i], positive[i]};
        }
        return p;
    }

    @Test
    void topLabelEceWithFifteenBinsPutsConfidenceOneInTheLastBin() {
        // Item 1: confidence 0.95, correct. Item 2: confidence 1.0, wrong.
        // 15 bins of width 1/15: 0.95·15 = 14.25, so both fall in the last bin (14/15, 1].
        // That bin: mean confidence (0.95 + 1) / 2 = 0.975, accuracy 1/2, weight 2/2.
        // ECE = |0.5 − 0.975| = 0.475.
        float[][] p = {{0.05f, 0.95f}, {1.0f, 0.0f}};
        Calibration c =
                CalibrationMetrics.compute(
                        p, new int[] {1, 1}, CalibrationSettings.PAPER.withBins(15));
        assertEquals(0.475, c.ece(), FLOAT);
        assertEquals(15, c.reliability().size());
        ReliabilityBin last = c.reliability().get(14);
        assertEquals(2, last.count());
        assertEquals(0.5, last.accuracy(), EXACT);
        assertEquals(0.975, last.confidence(), FLOAT);
        assertEquals(14.0 / 15, last.lower(), EXACT);
        assertEquals(1.0, last.upper(), EXACT);
    }

    @Test
    void positiveClassReliabilityWithTwoBins() {
        // Bin (0, 0.5]: P(y=1) 0.25, 0.25, labels 0, 0 → fraction positive 0, gap 0.25.
        // Bin (0.5, 1]: P(y=1) 0.75, 0.75, labels 1, 1 → fraction positive 1, gap 0.25.
        // ECE = 1/2 · 0.25 + 1/2 · 0.25 = 0.25.
        Calibration c =
                CalibrationMetrics.compute(
                        binary(0.25f, 0.25f, 0.75f, 0.75f),
                        new int[] {0, 0, 1, 1},
                        positive(2, CalibrationSettings.EQUAL_WIDTH, CalibrationSettings.L1));
        assertEquals(0.25, c.ece(), EXACT);
        assertEquals(
                List.of(
                        new ReliabilityBin(0, 0.5, 2, 0.25, 0.0),
                        new ReliabilityBin(0.5, 1, 2, 0.75, 1.0)),
                c.reliability());
    }

    @Test
    void nllAndBrierOnATinyExample() {
        // Every item gives its gold label 0.75 and the other class 0.25.
        // NLL = −ln 0.75 = 0.2876820724517809.
        // Brier per item = 0.25² + 0.25² = 0.125; mean 0.125.
        Calibration c =
                CalibrationMetrics.compute(
                        binary(0.25f, 0.25f, 0.75f, 0.75f), new int[] {0, 0, 1, 1});
        assertEquals(0.2876820724517809, c.nll(), EXACT);
        assertEquals(0.125, c.brier(), EXACT);
        assertEquals(CalibrationSettings.PAPER, c.settings());
    }

    @Test
    void nllAndBrierWithThreeClasses() {
        // Item 1: p = (0.5, 0.25, 0.25), gold 0: −ln 0.5 = 0.6931471805599453;
        //   Brier 0.25 + 0.0625 + 0.0625 = 0.375.
        // Item 2: p = (0.5, 0.25, 0.25), gold 2: −ln 0.25 = 1.3862943611198906;
        //   Brier 0.25 + 0.0625 + 0.5625 = 0.875.
        // Means: NLL 1.0397207708399179, Brier 0.625.
        float[][] p = {{0.5f, 0.25f, 0.25f}, {0.5f, 0.25f, 0.25f}};
        Calibration c = CalibrationMetrics.compute(p, new int[] {0, 2});
        assertEquals(1.0397207708399179, c.nll(), EXACT);
        assertEquals(0.625, c.brier(), EXACT);
    }

    @Test
    void aZeroGoldProbabilityIsClampedAtEpsilon() {
        // −ln(1e-12) = 12 · ln 10 = 27.631021115928547.
        Calibration c = CalibrationMetrics.compute(new float[][] {{1f, 0f}}, new int[] {1});
        assertEquals(27.631021115928547, c.nll(), 1e-9);
        assertEquals(2.0, c.brier(), EXACT);
    }

    @Test
    void logitsGoThroughASoftmaxAndAnExactLogSoftmax() {
        // Logits (0, ln 3) → probabilities (1/4, 3/4); gold 1: NLL −ln 0.75.
        // Logits (0, 100), gold 0: −ln P = ln(1 + e^100) = 100 + ln(1 + e^−100) = 100,
        // far past the clamp a probability path would apply.
        float ln3 = (float) Math.log(3);
        Calibration c =
                CalibrationMetrics.fromLogits(
                        new float[][] {{0f, ln3}}, new int[] {1}, CalibrationSettings.PAPER);
        assertEquals(0.2876820724517809, c.nll(), FLOAT);
        Calibration sure =
                CalibrationMetrics.fromLogits(
                        new float[][] {{0f, 100f}}, new int[] {0}, CalibrationSettings.PAPER);
        assertEquals(100.0, sure.nll(), EXACT);
    }

    @Test
    void normsL1L2AndMax() {
        // P(y=1) 0.2, 0.2, 0.9, 0.7; labels 0, 1, 1, 1; two equal-width bins.
        // Bin (0, .5]: confidence 0.2, fraction positive 0.5, gap 0.3, weight 1/2.
        // Bin (.5, 1]: confidence 0.8, fraction positive 1.0, gap 0.2, weight 1/2.
        // L1 = 0.15 + 0.10 = 0.25; L2 = √(0.5·0.09 + 0.5·0.04) = √0.065 = 0.25495097567963926;
        // max = 0.3.
        float[][] p = binary(0.2f, 0.2f, 0.9f, 0.7f);
        int[] y = {0, 1, 1, 1};
        String w = CalibrationSettings.EQUAL_WIDTH;
        assertEquals(
                0.25,
                CalibrationMetrics.compute(p, y, positive(2, w, CalibrationSettings.L1)).ece(),
                FLOAT);
        assertEquals(
                0.25495097567963926,
                CalibrationMetrics.compute(p, y, positive(2, w, CalibrationSettings.L2)).ece(),
                FLOAT);
        assertEquals(
                0.3,
                CalibrationMetrics.compute(p, y, positive(2, w, CalibrationSettings.MAX)).ece(),
                FLOAT);
    }

    @Test
    void equalMassBinsCutByRank() {
        // P(y=1) 0.1, 0.4, 0.3, 0.8; labels 0, 1, 0, 1. Sorted: .1(0) .3(0) | .4(1) .8(1).
        // Bin 1: confidence 0.2, fraction 0, gap 0.2. Bin 2: confidence 0.6, fraction 1, gap 0.4.
        // L1 = 0.5·0.2 + 0.5·0.4 = 0.3. (Equal width would give 0.75·(1/3 − 0.8/3) + 0.25·0.2
        // = 0.05 + 0.05 = 0.1.)
        float[][] p = binary(0.1f, 0.4f, 0.3f, 0.8f);
        int[] y = {0, 1, 0, 1};
        Calibration mass =
                CalibrationMetrics.compute(
                        p, y, positive(2, CalibrationSettings.EQUAL_MASS, CalibrationSettings.L1));
        assertEquals(0.3, mass.ece(), FLOAT);
        assertEquals(0.1, mass.reliability().get(0).lower(), FLOAT);
        assertEquals(0.3, mass.reliability().get(0).upper(), FLOAT);
        assertEquals(0.4, mass.reliability().get(1).lower(), FLOAT);
        assertEquals(0.8, mass.reliability().get(1).upper(), FLOAT);
        Calibration width =
                CalibrationMetrics.compute(
                        p, y, positive(2, CalibrationSettings.EQUAL_WIDTH, CalibrationSettings.L1));
        assertEquals(0.1, width.ece(), FLOAT);
    }

    @Test
    void equalMassWithFewerItemsThanBinsLeavesEmptyBins() {
        // n = 2, B = 3: bin b takes ranks floor(2b/3) .. floor(2(b+1)/3): [0,0), [0,1), [1,2).
        Calibration c =
                CalibrationMetrics.compute(
                        binary(0.25f, 0.75f),
                        new int[] {0, 1},
                        positive(3, CalibrationSettings.EQUAL_MASS, CalibrationSettings.L1));
        assertEquals(0, c.reliability().get(0).count());
        assertNull(c.reliability().get(0).confidence());
        assertEquals(1, c.reliability().get(1).count());
        assertEquals(1, c.reliability().get(2).count());
        // Gaps 0.25 and 0.25, weights 1/2 each.
        assertEquals(0.25, c.ece(), EXACT);
    }

    @Test
    void binEdgesAreClosedOnTheRight() {
        // (0, .5] and (.5, 1]; 0 joins the first bin, 1 the last.
        assertEquals(0, CalibrationMetrics.equalWidthBin(0.0, 2));
        assertEquals(0, CalibrationMetrics.equalWidthBin(0.5, 2));
        assertEquals(1, CalibrationMetrics.equalWidthBin(Math.nextUp(0.5), 2));
        assertEquals(1, CalibrationMetrics.equalWidthBin(1.0, 2));
        // 0.3 and 0.7 sit on edges of ten bins: (0.2, 0.3] is bin 2, (0.6, 0.7] is bin 6.
        assertEquals(2, CalibrationMetrics.equalWidthBin(0.3, 10));
        assertEquals(6, CalibrationMetrics.equalWidthBin(0.7, 10));
        assertEquals(19, CalibrationMetrics.equalWidthBin(1.0, 20));
    }

    @Test
    void positiveClassConfidenceZeroLandsInTheFirstBin() {
        // P(y=1) = 0 with label 0: bin 0, confidence 0, fraction positive 0: ECE 0.
        Calibration c =
                CalibrationMetrics.compute(
                        binary(0f),
                        new int[] {0},
                        positive(20, CalibrationSettings.EQUAL_WIDTH, CalibrationSettings.L1));
        assertEquals(1, c.reliability().get(0).count());
        assertEquals(0.0, c.ece(), EXACT);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> CalibrationMetrics.compute(new float[][] {{2f, 3f}}, new int[] {0}));
        assertThrows(
                IllegalArgumentException.class,
                () -> CalibrationMetrics.compute(new float[][] {{0.5f, 0.5f}}, new int[] {2}));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        CalibrationMetrics.compute(
                                new float[][] {{0.2f, 0.3f, 0.5f}},
                                new int[] {0},
                                positive(
                                        2,
                                        CalibrationSettings.EQUAL_WIDTH,
                                        CalibrationSettings.L1)));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        CalibrationMetrics.compute(
                                new float[][] {{0.5f, 0.5f}},
                                new int[] {0},
                                new CalibrationSettings(10, "quantile", "l1", "top-label")));
    }
}
