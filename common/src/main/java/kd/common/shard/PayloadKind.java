package kd.common.shard;

/** What a shard holds per example; the code is the byte stored in the shard header. */
public enum PayloadKind {
    /** One row per example: the logits of every class. */
    CLASSIFICATION(0),
    /** One row per non-padding position: the logits of the whole vocabulary. */
    LM_DENSE(1),
    /** One row per non-padding position: the k largest logits, their ids and the tail mass. */
    LM_TOPK(2),
    /** One row per non-padding position: k ids drawn from the teacher, with their probabilities. */
    LM_SAMPLED(3);

    private final int code;

    PayloadKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True for the kinds that keep k entries per position rather than every output. */
    public boolean sparse() {
        return this == LM_TOPK || this == LM_SAMPLED;
    }

    /** The kind stored under a code, or null when no kind has it. */
    static PayloadKind ofCode(int code) {
        for (PayloadKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
