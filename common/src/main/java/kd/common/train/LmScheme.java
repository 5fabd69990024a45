package kd.common.train;

/** How an LM teacher's distribution at one position is kept. */
public enum LmScheme {
    /** Every logit of the vocabulary. */
    DENSE,
    /** The k largest logits, their token ids, and the log of the probability mass left over. */
    TOPK,
    /** k token ids drawn from the teacher, each with an importance weight. */
    SAMPLED
}
