package kd.common.train;

import java.util.Map;

/**
 * A teacher's soft labels for a set of examples, keyed by {@code Example.id}.
 *
 * <p>All logits are the teacher's raw logits (temperature 1); the loss applies its own temperature.
 * Exactly one of the two maps is used, by the objective being trained.
 *
 * @param classification teacher logits [2] per example
 * @param lm teacher distributions per LM position per example
 */
public record SoftTargets(Map<String, float[]> classification, Map<String, LmTargets> lm) {

    public SoftTargets {
        classification = classification == null ? Map.of() : Map.copyOf(classification);
        lm = lm == null ? Map.of() : Map.copyOf(lm);
    }

    public static SoftTargets ofClassification(Map<String, float[]> logits) {
        return new SoftTargets(logits, Map.of());
    }

    public static SoftTargets ofLm(Map<String, LmTargets> targets) {
        return new SoftTargets(Map.of(), targets);
    }

    /**
     * One sentence's teacher distributions, one per predicted position (position i predicts token i
     * + 1 of the sentence; a sentence of n tokens has n − 1 positions). Arrays are flat,
     * position-major: entry (i, j) sits at {@code i * width + j}.
     *
     * @param width vocabulary size for {@link LmScheme#DENSE}, k otherwise
     * @param ids token ids [positions × k]; null for dense
     * @param values dense and top-k: teacher logits [positions × width]; sampled: importance
     *     weights [positions × k], any non-negative scale (the loss normalises them per position)
     * @param logTail top-k only: natural log of the teacher probability (at temperature 1) of all
     *     tokens outside the k, per position; null otherwise
     */
    public record LmTargets(
            LmScheme scheme, int positions, int width, int[] ids, float[] values, float[] logTail) {

        public LmTargets {
            if (positions < 0 || width < 1) {
                throw new IllegalArgumentException("positions >= 0 and width >= 1 required");
            }
            if (values == null || values.length != positions * width) {
                throw new IllegalArgumentException("values must hold positions × width floats");
            }
            if (scheme != LmScheme.DENSE && (ids == null || ids.length != positions * width)) {
                throw new IllegalArgumentException("ids must hold positions × k ints");
            }
            if (scheme == LmScheme.TOPK && (logTail == null || logTail.length != positions)) {
                throw new IllegalArgumentException(
                        "top-k targets need one log tail mass per position");
            }
        }

        public static LmTargets dense(int positions, int vocabularySize, float[] logits) {
            return new LmTargets(LmScheme.DENSE, positions, vocabularySize, null, logits, null);
        }

        public static LmTargets topK(
                int positions, int k, int[] ids, float[] logits, float[] logTail) {
            return new LmTargets(LmScheme.TOPK, positions, k, ids, logits, logTail);
        }

        public static LmTargets sampled(int positions, int k, int[] ids, float[] weights) {
            return new LmTargets(LmScheme.SAMPLED, positions, k, ids, weights, null);
        }
    }
}
