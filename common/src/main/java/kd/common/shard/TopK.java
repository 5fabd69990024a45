package kd.common.shard;

import java.util.Arrays;
import java.util.Objects;

/**
 * The k largest logits of one position, and how much probability the rest carries.
 *
 * <p>Convention: {@code ids} and {@code logits} are ordered by logit, largest first; equal logits
 * keep the lower id first, so the kept set is deterministic. Logits are the raw ones; {@code
 * tailLogMass} is {@code log(1 − Σ_kept softmax(z / T)_i)} at the temperature T the row was built
 * with, computed as {@code logsumexp(z_rest / T) − logsumexp(z / T)} so that a tail far below 1e-7
 * is still exact rather than rounded to log(0). It is −∞ when nothing is left out (k = V).
 *
 * @param ids token ids, largest logit first
 * @param logits the raw logits of those ids
 * @param tailLogMass natural log of the probability outside the kept ids; at most 0
 */
public record TopK(int[] ids, float[] logits, float tailLogMass) {

    public TopK {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(logits, "logits");
        if (ids.length != logits.length) {
            throw new IllegalArgumentException(
                    ids.length + " ids but " + logits.length + " logits");
        }
        if (!(tailLogMass <= 0)) {
            throw new IllegalArgumentException("tail log-mass must be ≤ 0, got " + tailLogMass);
        }
    }

    /** The top k of a row of logits at temperature 1. */
    public static TopK of(float[] logits, int k) {
        return of(logits, 1f, k);
    }

    /** The top k of a row of raw logits, with the tail mass of {@code softmax(logits / T)}. */
    public static TopK of(float[] logits, float temperature, int k) {
        int v = logits.length;
        if (k < 1 || k > v) {
            throw new IllegalArgumentException("k must be in [1, " + v + "], got " + k);
        }
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        for (float z : logits) {
            if (!Float.isFinite(z)) {
                throw new IllegalArgumentException("logits must be finite, got " + z);
            }
        }

        // Insertion into a sorted window of k; a later id never displaces an equal logit.
        int[] ids = new int[k];
        float[] top = new float[k];
        int filled = 0;
        for (int i = 0; i < v; i++) {
            float z = logits[i];
            if (filled == k && z <= top[k - 1]) {
                continue;
            }
            int at = filled == k ? k - 1 : filled++;
            while (at > 0 && top[at - 1] < z) {
                top[at] = top[at - 1];
                ids[at] = ids[at - 1];
                at--;
            }
            top[at] = z;
            ids[at] = i;
        }

        // Element i is kept when it sorts at or before the k-th kept one.
        float lastLogit = top[k - 1];
        int lastId = ids[k - 1];
        double allMax = top[0] / (double) temperature;
        double restMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            if (!kept(logits[i], i, lastLogit, lastId)) {
                restMax = Math.max(restMax, logits[i] / (double) temperature);
            }
        }
        double allSum = 0;
        double restSum = 0;
        for (int i = 0; i < v; i++) {
            double scaled = logits[i] / (double) temperature;
            allSum += Math.exp(scaled - allMax);
            if (!kept(logits[i], i, lastLogit, lastId)) {
                restSum += Math.exp(scaled - restMax);
            }
        }
        double tail =
                restMax == Double.NEGATIVE_INFINITY
                        ? Double.NEGATIVE_INFINITY
                        : Math.min(0.0, restMax + Math.log(restSum) - (allMax + Math.log(allSum)));
        return new TopK(ids, top, (float) tail);
    }

    private static boolean kept(float z, int id, float lastLogit, int lastId) {
        return z > lastLogit || (z == lastLogit && id <= lastId);
    }

    /** Equal when ids, logits and tail are equal bit for bit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TopK t
                && Arrays.equals(ids, t.ids)
                && Arrays.equals(logits, t.logits)
                && Float.compare(tailLogMass, t.tailLogMass) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ids), Arrays.hashCode(logits), tailLogMass);
    }

    @Override
    public String toString() {
        return "TopK[ids="
                + Arrays.toString(ids)
                + ", logits="
                + Arrays.toString(logits)
                + ", tailLogMass="
                + tailLogMass
                + "]";
    }
}
