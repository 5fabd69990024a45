package kd.common.metrics;

/**
 * Token-level perplexity of a language model, pooled over every real token of every sentence.
 *
 * <p>Convention: the targets are the sentence shifted left by one, so the end token is predicted
 * and counted while the begin token is not; padding positions are neither. Pooling is over tokens,
 * not sentences: exp(Σ NLL / Σ tokens), so a long sentence weighs more than a short one.
 */
public final class Perplexity {

    private double nll;
    private long tokens;

    /** An empty accumulator, for evaluating batch after batch. */
    public Perplexity() {}

    /**
     * @param logProbs {@code logProbs[i][t]} = ln P(targets[i][t] | tokens before it), natural log
     * @param targets target token ids, {@code padId} where a sentence has ended
     */
    public static double compute(float[][] logProbs, int[][] targets, int padId) {
        return new Perplexity().add(logProbs, targets, padId).value();
    }

    /** exp(nll / tokens). */
    public static double compute(double totalNll, long tokens) {
        if (tokens <= 0) {
            throw new IllegalArgumentException("no tokens");
        }
        return Math.exp(totalNll / tokens);
    }

    /** Adds one batch; see {@link #compute(float[][], int[][], int)}. */
    public Perplexity add(float[][] logProbs, int[][] targets, int padId) {
        if (logProbs.length != targets.length) {
            throw new IllegalArgumentException(
                    "rows: " + logProbs.length + " log-probs, " + targets.length + " targets");
        }
        for (int i = 0; i < targets.length; i++) {
            if (logProbs[i].length != targets[i].length) {
                throw new IllegalArgumentException("row " + i + ": lengths differ");
            }
            for (int t = 0; t < targets[i].length; t++) {
                if (targets[i][t] != padId) {
                    nll -= logProbs[i][t];
                    tokens++;
                }
            }
        }
        return this;
    }

    /** Adds a summed NLL (natural log) over {@code count} real tokens. */
    public Perplexity add(double summedNll, long count) {
        nll += summedNll;
        tokens += count;
        return this;
    }

    public double totalNll() {
        return nll;
    }

    public long tokens() {
        return tokens;
    }

    /** exp(total NLL / total tokens). */
    public double value() {
        return compute(nll, tokens);
    }
}
