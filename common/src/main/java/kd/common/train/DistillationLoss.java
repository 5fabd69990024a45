package kd.common.train;

import ai.djl.ndarray.NDArray;

/**
 * The student's loss: {@code r · T² · softCE + (1 − r) · goldCE}.
 *
 * <p><b>Conventions.</b>
 *
 * <ul>
 *   <li><b>T² scaling ({@link #SOFT_TERM_SCALING}):</b> the soft term is multiplied by T², as
 *       Hinton, Vinyals &amp; Dean (2015) do, so that its gradient keeps the same magnitude when T
 *       changes. With the paper's T = 1 the factor is 1.
 *   <li><b>softCE</b> is the cross-entropy −Σ p·log q between the teacher's softmax at T and the
 *       student's log-softmax at T (not the KL divergence: the two differ by the teacher's entropy,
 *       a constant, and have the same gradient).
 *   <li><b>goldCE</b> is the ordinary cross-entropy of the gold label at temperature 1.
 *   <li>Without a teacher the loss is goldCE alone, whatever r is.
 *   <li><b>Normalisation:</b> classification takes the mean over examples; LM sums over every real
 *       (non-padding) position and divides by the number of real positions in the batch.
 *   <li><b>Top-k tail:</b> the teacher distribution becomes k + 1 buckets, the k kept tokens and
 *       one "other" bucket holding the tail mass; the student's "other" bucket is its probability
 *       outside the k tokens, log(1 − Σ q), floored at {@link #TAIL_FLOOR}. At T ≠ 1 the teacher
 *       buckets are softmax(log-bucket-mass / T), i.e. the tail is tempered as if it were one token
 *       (exact at T = 1).
 *   <li><b>Sampled:</b> −Σ ŵ_j·log q(id_j) with weights normalised per position to sum 1 (the
 *       self-normalised importance-sampling estimate of softCE). Ids drawn from the teacher at T
 *       with weight 1 each give the plain Monte-Carlo estimate.
 * </ul>
 *
 * @param temperature T > 0
 * @param ratio r in [0, 1]
 */
public record DistillationLoss(double temperature, double ratio) {

    /** Name of the temperature convention: the soft term is multiplied by T². */
    public static final String SOFT_TERM_SCALING = "T^2";

    /** Smallest student tail probability the top-k loss takes the log of. */
    public static final float TAIL_FLOOR = 1e-12f;

    public DistillationLoss {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be in [0, 1], got " + ratio);
        }
    }

    /** The factor applied to the soft term: T². */
    public double softScale() {
        return temperature * temperature;
    }

    /**
     * Classification loss, mean over the batch.
     *
     * @param student logits [B, C]
     * @param teacher teacher logits [B, C], or null for gold labels only
     * @param labels gold classes [B], int64
     * @return scalar
     */
    public NDArray classification(NDArray student, NDArray teacher, NDArray labels) {
        NDArray gold = goldCe(student, labels);
        if (teacher == null) {
            return gold.mean();
        }
        NDArray soft = denseSoftCe(student, teacher);
        return combine(soft, gold).mean();
    }

    /**
     * LM loss over real positions, divided by their number.
     *
     * @param student logits [B, L, V]
     * @param teacher the teacher at each position, or null for gold labels only
     * @param targets next tokens [B, L], int64
     * @param mask 1 at real positions and 0 at padding, [B, L], float32
     * @return scalar
     */
    public NDArray lm(NDArray student, LmTeacher teacher, NDArray targets, NDArray mask) {
        NDArray perPosition = lmPerPosition(student, teacher, targets);
        return perPosition.mul(mask).sum().div(mask.sum());
    }

    /** Loss at every position [B, L], padding included (callers mask it). */
    public NDArray lmPerPosition(NDArray student, LmTeacher teacher, NDArray targets) {
        NDArray gold = goldCe(student, targets);
        if (teacher == null) {
            return gold;
        }
        NDArray soft;
        if (teacher instanceof LmTeacher.Dense d) {
            soft = denseSoftCe(student, d.logits());
        } else if (teacher instanceof LmTeacher.TopK t) {
            soft = topKSoftCe(student, t);
        } else {
            soft = sampledSoftCe(student, (LmTeacher.Sampled) teacher);
        }
        return combine(soft, gold);
    }

    private NDArray combine(NDArray soft, NDArray gold) {
        return soft.mul(ratio * softScale()).add(gold.mul(1 - ratio));
    }

    /** −log softmax(student)[label] at temperature 1, over the last axis. */
    static NDArray goldCe(NDArray student, NDArray labels) {
        NDArray logq = student.logSoftmax(-1);
        return logq.gather(labels.expandDims(-1), -1).squeeze(-1).neg();
    }

    private NDArray denseSoftCe(NDArray student, NDArray teacher) {
        NDArray p = teacher.div(temperature).softmax(-1).stopGradient();
        NDArray logq = student.div(temperature).logSoftmax(-1);
        return p.mul(logq).sum(new int[] {-1}).neg();
    }

    private NDArray topKSoftCe(NDArray student, LmTeacher.TopK t) {
        // Teacher: log-probabilities of the k tokens at T = 1 follow from their logits and the
        // tail mass, since Σ p_i = 1 − tail fixes the partition function.
        NDArray logits = t.logits();
        NDArray tail = t.logTail().exp();
        NDArray logKept = logSumExp(logits).sub(tail.neg().add(1).clip(TAIL_FLOOR, 1f).log());
        NDArray logP = logits.sub(logKept.expandDims(-1));
        NDArray buckets = logP.concat(t.logTail().expandDims(-1), -1);
        NDArray p = buckets.div(temperature).softmax(-1).stopGradient();

        NDArray logq = student.div(temperature).logSoftmax(-1);
        NDArray logqKept = logq.gather(t.ids(), -1);
        // clip, not maximum(Number): with DJL 0.36 on PyTorch the latter gave NaN gradients now
        // and then (seen in training, not reproducible run to run); clamp takes plain scalars.
        NDArray qTail = logqKept.exp().sum(new int[] {-1}).neg().add(1).clip(TAIL_FLOOR, 1f);
        NDArray logqBuckets = logqKept.concat(qTail.log().expandDims(-1), -1);
        return p.mul(logqBuckets).sum(new int[] {-1}).neg();
    }

    private NDArray sampledSoftCe(NDArray student, LmTeacher.Sampled s) {
        NDArray w = s.weights();
        NDArray norm = w.sum(new int[] {-1}, true).clip(TAIL_FLOOR, Float.MAX_VALUE);
        NDArray weights = w.div(norm).stopGradient();
        NDArray logq = student.div(temperature).logSoftmax(-1).gather(s.ids(), -1);
        return weights.mul(logq).sum(new int[] {-1}).neg();
    }

    /** log Σ exp over the last axis, shifted by the maximum for stability. */
    static NDArray logSumExp(NDArray x) {
        NDArray max = x.max(new int[] {-1}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {-1}).log().add(max.squeeze(-1));
    }

    /** The teacher side of the LM loss for one batch, as arrays aligned with the student's. */
    public sealed interface LmTeacher {

        /** Full teacher logits [B, L, V]. */
        record Dense(NDArray logits) implements LmTeacher {}

        /**
         * The k kept tokens of each position.
         *
         * @param ids [B, L, k] int64
         * @param logits teacher logits of those ids at T = 1, [B, L, k]
         * @param logTail log of the teacher's mass outside the k, [B, L]; padding positions need a
         *     finite value below 0
         */
        record TopK(NDArray ids, NDArray logits, NDArray logTail) implements LmTeacher {}

        /**
         * Sampled tokens and their importance weights.
         *
         * @param ids [B, L, k] int64
         * @param weights [B, L, k], non-negative
         */
        record Sampled(NDArray ids, NDArray weights) implements LmTeacher {}
    }
}
