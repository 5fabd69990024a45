package kd.common.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Expected calibration error, reliability-diagram data, NLL and Brier score of a classifier.
 *
 * <p>Conventions, since implementations disagree on each of them:
 *
 * <ul>
 *   <li>Scope {@code top-label}: the confidence is the largest probability and the outcome is
 *       whether its class (the lowest index on a tie) is the gold label. Scope {@code
 *       positive-class} (two classes only): the confidence is P(y=1) and a bin's "accuracy" is its
 *       fraction of items with y=1.
 *   <li>Equal-width bins are closed on the right: bin b covers (b/B, (b+1)/B], and the first bin
 *       also holds a confidence of exactly 0. A confidence of 1.0 lands in the last bin.
 *   <li>Equal-mass bins are cut by rank: after a stable sort on confidence, bin b takes ranks
 *       floor(b·n/B) up to floor((b+1)·n/B), so tied confidences may straddle two bins. Such a
 *       bin's lower and upper are the smallest and largest confidence in it; an empty one (fewer
 *       items than bins) reports the previous bin's upper edge for both.
 *   <li>Norms over the bins' gaps |accuracy − confidence|: {@code l1} is the count-weighted mean,
 *       {@code l2} the square root of the count-weighted mean of squares, {@code max} the largest
 *       gap of a non-empty bin.
 *   <li>NLL is the mean of −ln P(gold), with P clamped below at {@link #EPSILON} so one
 *       impossible-looking item costs at most −ln(1e-12) ≈ 27.6 nats. From logits it is computed
 *       with a log-softmax and needs no clamp.
 *   <li>Brier is the mean over items of the sum over all classes of (p_k − [k = gold])²; for two
 *       classes this is twice the one-probability form (p − y)².
 * </ul>
 */
public final class CalibrationMetrics {

    /** Lower clamp for the gold probability in the NLL. */
    public static final double EPSILON = 1e-12;

    /** How far a probability row's sum may be from 1 before it is taken for logits. */
    private static final double SUM_TOLERANCE = 1e-3;

    private CalibrationMetrics() {}

    /** Calibration under the paper's settings. */
    public static Calibration compute(float[][] probabilities, int[] labels) {
        return compute(probabilities, labels, CalibrationSettings.PAPER);
    }

    /**
     * @param probabilities one row of class probabilities per item, each summing to 1
     * @param labels gold class per item
     */
    public static Calibration compute(
            float[][] probabilities, int[] labels, CalibrationSettings settings) {
        double[][] p = new double[probabilities.length][];
        double[] goldLogProb = new double[probabilities.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = toDouble(probabilities[i]);
            double sum = Arrays.stream(p[i]).sum();
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new IllegalArgumentException(
                        "row " + i + " sums to " + sum + ", not 1: logits given as probabilities?");
            }
        }
        checkShape(p, labels, settings);
        for (int i = 0; i < p.length; i++) {
            goldLogProb[i] = Math.log(Math.max(p[i][labels[i]], EPSILON));
        }
        return calibration(p, goldLogProb, labels, settings);
    }

    /** Calibration of unnormalised scores, turned into probabilities by a softmax. */
    public static Calibration fromLogits(
            float[][] logits, int[] labels, CalibrationSettings settings) {
        double[][] p = new double[logits.length][];
        double[][] logP = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            logP[i] = logSoftmax(logits[i]);
            p[i] = Arrays.stream(logP[i]).map(Math::exp).toArray();
        }
        checkShape(p, labels, settings);
        double[] goldLogProb = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            goldLogProb[i] = logP[i][labels[i]];
        }
        return calibration(p, goldLogProb, labels, settings);
    }

    /** Numerically stable log-softmax: subtract the maximum before exponentiating. */
    public static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        double logZ = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            out[k] = logits[k] - logZ;
        }
        return out;
    }

    private static Calibration calibration(
            double[][] p, double[] goldLogProb, int[] labels, CalibrationSettings settings) {
        int n = p.length;
        double[] confidence = new double[n];
        boolean[] outcome = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (settings.scope().equals(CalibrationSettings.POSITIVE_CLASS)) {
                confidence[i] = p[i][1];
                outcome[i] = labels[i] == 1;
            } else {
                int top = argmax(p[i]);
                confidence[i] = p[i][top];
                outcome[i] = top == labels[i];
            }
        }

        List<ReliabilityBin> reliability =
                settings.scheme().equals(CalibrationSettings.EQUAL_MASS)
                        ? equalMass(confidence, outcome, settings.bins())
                        : equalWidth(confidence, outcome, settings.bins());

        double nll = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            nll -= goldLogProb[i];
            for (int k = 0; k < p[i].length; k++) {
                double target = k == labels[i] ? 1 : 0;
                brier += (p[i][k] - target) * (p[i][k] - target);
            }
        }
        return new Calibration(
                settings, ece(reliability, n, settings.norm()), reliability, nll / n, brier / n);
    }

    /** The error of a reliability diagram under a norm; see the class comment. */
    public static double ece(List<ReliabilityBin> bins, int items, String norm) {
        double sum = 0;
        double max = 0;
        for (ReliabilityBin bin : bins) {
            if (bin.count() == 0) {
                continue;
            }
            double gap = Math.abs(bin.accuracy() - bin.confidence());
            double weight = (double) bin.count() / items;
            switch (norm) {
                case CalibrationSettings.L1 -> sum += weight * gap;
                case CalibrationSettings.L2 -> sum += weight * gap * gap;
                case CalibrationSettings.MAX -> max = Math.max(max, gap);
                default -> throw new IllegalArgumentException("unknown norm: " + norm);
            }
        }
        return switch (norm) {
            case CalibrationSettings.L2 -> Math.sqrt(sum);
            case CalibrationSettings.MAX -> max;
            default -> sum;
        };
    }

    private static List<ReliabilityBin> equalWidth(
            double[] confidence, boolean[] outcome, int bins) {
        int[] count = new int[bins];
        double[] confSum = new double[bins];
        int[] hits = new int[bins];
        for (int i = 0; i < confidence.length; i++) {
            int b = equalWidthBin(confidence[i], bins);
            count[b]++;
            confSum[b] += confidence[i];
            hits[b] += outcome[i] ? 1 : 0;
        }
        List<ReliabilityBin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            out.add(bin((double) b / bins, (double) (b + 1) / bins, count[b], confSum[b], hits[b]));
        }
        return List.copyOf(out);
    }

    /** Index of the bin (b/B, (b+1)/B] holding {@code c}; 0 also goes to the first bin. */
    public static int equalWidthBin(double c, int bins) {
        int b = (int) Math.ceil(c * bins) - 1;
        b = Math.max(0, Math.min(bins - 1, b));
        // Settle rounding in c·B against the edges exactly as they are reported.
        while (b > 0 && c <= (double) b / bins) {
            b--;
        }
        while (b < bins - 1 && c > (double) (b + 1) / bins) {
            b++;
        }
        return b;
    }

    private static List<ReliabilityBin> equalMass(
            double[] confidence, boolean[] outcome, int bins) {
        int n = confidence.length;
        int[] order =
                IntStream.range(0, n)
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> confidence[i]))
                        .mapToInt(Integer::intValue)
                        .toArray();
        List<ReliabilityBin> out = new ArrayList<>(bins);
        double previousUpper = 0;
        for (int b = 0; b < bins; b++) {
            int start = (int) ((long) b * n / bins);
            int end = (int) ((long) (b + 1) * n / bins);
            if (start == end) {
                out.add(new ReliabilityBin(previousUpper, previousUpper, 0, null, null));
                continue;
            }
            double confSum = 0;
            int hits = 0;
            for (int r = start; r < end; r++) {
                confSum += confidence[order[r]];
                hits += outcome[order[r]] ? 1 : 0;
            }
            double lower = confidence[order[start]];
            double upper = confidence[order[end - 1]];
            out.add(bin(lower, upper, end - start, confSum, hits));
            previousUpper = upper;
        }
        return List.copyOf(out);
    }

    private static ReliabilityBin bin(
            double lower, double upper, int count, double confSum, int hits) {
        if (count == 0) {
            return new ReliabilityBin(lower, upper, 0, null, null);
        }
        return new ReliabilityBin(lower, upper, count, confSum / count, (double) hits / count);
    }

    private static void checkShape(double[][] p, int[] labels, CalibrationSettings settings) {
        if (p.length == 0) {
            throw new IllegalArgumentException("no items");
        }
        if (p.length != labels.length) {
            throw new IllegalArgumentException(
                    "probabilities: " + p.length + ", labels: " + labels.length);
        }
        if (settings.bins() < 1) {
            throw new IllegalArgumentException("bins must be positive: " + settings.bins());
        }
        if (!settings.scheme().equals(CalibrationSettings.EQUAL_WIDTH)
                && !settings.scheme().equals(CalibrationSettings.EQUAL_MASS)) {
            throw new IllegalArgumentException("unknown scheme: " + settings.scheme());
        }
        if (!List.of(CalibrationSettings.L1, CalibrationSettings.L2, CalibrationSettings.MAX)
                .contains(settings.norm())) {
            throw new IllegalArgumentException("unknown norm: " + settings.norm());
        }
        boolean positive = settings.scope().equals(CalibrationSettings.POSITIVE_CLASS);
        if (!positive && !settings.scope().equals(CalibrationSettings.TOP_LABEL)) {
            throw new IllegalArgumentException("unknown scope: " + settings.scope());
        }
        int classes = p[0].length;
        if (classes < 2 || (positive && classes != 2)) {
            throw new IllegalArgumentException(classes + " classes for scope " + settings.scope());
        }
        for (int i = 0; i < p.length; i++) {
            if (p[i].length != classes) {
                throw new IllegalArgumentException("row " + i + " has " + p[i].length + " classes");
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i);
            }
        }
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double[] toDouble(float[] row) {
        double[] out = new double[row.length];
        for (int k = 0; k < row.length; k++) {
            out[k] = row[k];
        }
        return out;
    }
}
