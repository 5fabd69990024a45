package kd.common.train;

import java.util.Random;

/**
 * Turns a teacher's full LM logits ([positions][vocabulary], e.g. from {@code
 * TrainedModel.lmLogits}) into {@link SoftTargets.LmTargets} of each scheme.
 */
public final class LmLabels {

    private LmLabels() {}

    public static SoftTargets.LmTargets dense(float[][] logits) {
        int n = logits.length;
        int v = n == 0 ? 1 : logits[0].length;
        float[] flat = new float[n * v];
        for (int i = 0; i < n; i++) {
            System.arraycopy(logits[i], 0, flat, i * v, v);
        }
        return SoftTargets.LmTargets.dense(n, v, flat);
    }

    /**
     * The k largest logits per position (ties: the smaller id first) and the log of the probability
     * outside them, both at temperature 1.
     */
    public static SoftTargets.LmTargets topK(float[][] logits, int k) {
        int n = logits.length;
        int[] ids = new int[n * k];
        float[] kept = new float[n * k];
        float[] logTail = new float[n];
        for (int i = 0; i < n; i++) {
            float[] z = logits[i];
            if (k > z.length) {
                throw new IllegalArgumentException(
                        "k " + k + " exceeds the vocabulary " + z.length);
            }
            boolean[] taken = new boolean[z.length];
            for (int j = 0; j < k; j++) {
                int best = -1;
                for (int t = 0; t < z.length; t++) {
                    if (!taken[t] && (best < 0 || z[t] > z[best])) {
                        best = t;
                    }
                }
                taken[best] = true;
                ids[i * k + j] = best;
                kept[i * k + j] = z[best];
            }
            double max = kept[i * k];
            double all = 0;
            double outside = 0;
            for (int t = 0; t < z.length; t++) {
                double e = Math.exp(z[t] - max);
                all += e;
                if (!taken[t]) {
                    outside += e;
                }
            }
            // A tail that underflows to 0 is stored as a very unlikely one, so its log stays
            // finite.
            logTail[i] = (float) Math.log(Math.max(outside / all, 1e-30));
        }
        return SoftTargets.LmTargets.topK(n, k, ids, kept, logTail);
    }

    /**
     * k ids per position drawn with replacement from the teacher's softmax at {@code temperature},
     * weight 1 each: the loss's normalised weights then give the plain Monte-Carlo estimate of the
     * soft cross-entropy at that temperature.
     */
    public static SoftTargets.LmTargets sampled(
            float[][] logits, int k, double temperature, Random rng) {
        int n = logits.length;
        int[] ids = new int[n * k];
        float[] weights = new float[n * k];
        for (int i = 0; i < n; i++) {
            float[] z = logits[i];
            double max = Double.NEGATIVE_INFINITY;
            for (float f : z) {
                max = Math.max(max, f);
            }
            double[] cumulative = new double[z.length];
            double sum = 0;
            for (int t = 0; t < z.length; t++) {
                sum += Math.exp((z[t] - max) / temperature);
                cumulative[t] = sum;
            }
            for (int j = 0; j < k; j++) {
                double u = rng.nextDouble() * sum;
                int lo = 0;
                int hi = z.length - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cumulative[mid] > u) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                ids[i * k + j] = lo;
                weights[i * k + j] = 1f;
            }
        }
        return SoftTargets.LmTargets.sampled(n, k, ids, weights);
    }
}
