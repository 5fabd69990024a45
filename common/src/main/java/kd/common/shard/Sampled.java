package kd.common.shard;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * k token ids drawn with replacement from the teacher's distribution at one position.
 *
 * <p>Estimator: the ids are independent draws from {@code p = softmax(z / T)}, so each sampled id
 * has weight 1/k and the soft cross-entropy {@code −Σ_v p_v log q_v} of a student q is estimated
 * without bias by the mean of {@code −log q(id)} over the k draws ({@link #crossEntropyEstimate}).
 * Repeated ids are kept as repeated draws. The probabilities {@code p(id)} are stored alongside for
 * other estimates (for example the teacher's entropy, or reweighting); the plain estimate does not
 * use them.
 *
 * <p>For shards that do not depend on batching, seed the generator per example, for instance from
 * the teacher seed and the example id.
 *
 * @param ids the draws, in draw order
 * @param probabilities the teacher's probability of each drawn id, at the temperature drawn at
 */
public record Sampled(int[] ids, float[] probabilities) {

    public Sampled {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(probabilities, "probabilities");
        if (ids.length != probabilities.length) {
            throw new IllegalArgumentException(
                    ids.length + " ids but " + probabilities.length + " probabilities");
        }
    }

    /** k draws from {@code softmax(logits)}. */
    public static Sampled of(float[] logits, int k, Random rng) {
        return of(logits, 1f, k, rng);
    }

    /** k draws from {@code softmax(logits / temperature)}, by inverting the cumulative sum. */
    public static Sampled of(float[] logits, float temperature, int k, Random rng) {
        int v = logits.length;
        if (v == 0 || k < 1) {
            throw new IllegalArgumentException("need logits and k ≥ 1, got " + v + " and " + k);
        }
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            if (!Float.isFinite(z)) {
                throw new IllegalArgumentException("logits must be finite, got " + z);
            }
            max = Math.max(max, z / (double) temperature);
        }

        double[] weight = new double[v];
        double[] cumulative = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) {
            weight[i] = Math.exp(logits[i] / (double) temperature - max);
            sum += weight[i];
            cumulative[i] = sum;
        }

        int[] ids = new int[k];
        float[] probabilities = new float[k];
        for (int j = 0; j < k; j++) {
            // First i whose cumulative weight exceeds u; zero-weight ids are never chosen.
            double u = rng.nextDouble() * sum;
            int lo = 0;
            int hi = v - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            ids[j] = lo;
            probabilities[j] = (float) (weight[lo] / sum);
        }
        return new Sampled(ids, probabilities);
    }

    /**
     * The unbiased estimate of the soft cross-entropy: the mean of {@code −log q(id)} over the
     * draws, each weighted 1/k.
     *
     * @param studentLogProbabilities the student's log-probabilities over the vocabulary, at the
     *     same temperature the draws were made at
     */
    public double crossEntropyEstimate(float[] studentLogProbabilities) {
        double total = 0;
        for (int id : ids) {
            total -= studentLogProbabilities[id];
        }
        return total / ids.length;
    }

    /** Equal when ids and probabilities are equal bit for bit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Sampled s
                && Arrays.equals(ids, s.ids)
                && Arrays.equals(probabilities, s.probabilities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ids), Arrays.hashCode(probabilities));
    }

    @Override
    public String toString() {
        return "Sampled[ids="
                + Arrays.toString(ids)
                + ", probabilities="
                + Arrays.toString(probabilities)
                + "]";
    }
}
