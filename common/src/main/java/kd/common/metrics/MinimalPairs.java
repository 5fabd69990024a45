package kd.common.metrics;

/**
 * Accuracy on minimal pairs: the fraction of pairs where the model gives the grammatical sentence a
 * strictly higher log-probability than its ungrammatical twin (a tie counts as wrong).
 */
public final class MinimalPairs {

    private MinimalPairs() {}

    /**
     * @param good summed ln P of each grammatical sentence
     * @param bad summed ln P of its ungrammatical twin
     */
    public static double accuracy(double[] good, double[] bad) {
        if (good.length != bad.length) {
            throw new IllegalArgumentException("good: " + good.length + ", bad: " + bad.length);
        }
        if (good.length == 0) {
            throw new IllegalArgumentException("no pairs");
        }
        int hits = 0;
        for (int i = 0; i < good.length; i++) {
            if (good[i] > bad[i]) {
                hits++;
            }
        }
        return (double) hits / good.length;
    }
}
