package kd.common.metrics;

import java.util.ArrayList;
import java.util.List;
import kd.common.data.Example;

/**
 * μ-, D- and A-accuracy of agreement predictions, as in Linzen et al. (2016) and the paper.
 *
 * <p>Which items count where:
 *
 * <ul>
 *   <li>μ-accuracy is over every item given: the test set is filtered when it is prepared, not
 *       here.
 *   <li>D-accuracy bins items by subject–verb distance 1..16. An item with an unknown distance
 *       (-1), a distance over 16, or more than 4 intervening nouns is left out of every distance
 *       bin; an unknown intervening count (-1) does not exclude an item of known distance.
 *   <li>A-accuracy bins items by attractor count 0..4, and takes only items whose intervening nouns
 *       are all attractors ({@link Example#homogeneous()}); bin 0 therefore holds the items with no
 *       intervening noun at all. Distance does not filter this view.
 * </ul>
 *
 * <p>Both D- and A-accuracy are unweighted means over the non-empty bins: an empty bin has no
 * accuracy and is skipped, never averaged in as zero.
 */
public final class AgreementMetrics {

    public static final int MAX_DISTANCE = 16;
    public static final int MAX_INTERVENING = 4;
    public static final int MAX_ATTRACTORS = 4;

    private AgreementMetrics() {}

    /** Scores predicted labels against each item's label. */
    public static AgreementAccuracy compute(List<Example> items, int[] predictions) {
        if (predictions.length != items.size()) {
            throw new IllegalArgumentException(
                    "predictions: " + predictions.length + ", items: " + items.size());
        }
        boolean[] correct = new boolean[predictions.length];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = predictions[i] == items.get(i).label();
        }
        return compute(items, correct);
    }

    /**
     * @param correct whether the model got item {@code i} right
     * @throws IllegalArgumentException when there are no items or the lengths differ
     */
    public static AgreementAccuracy compute(List<Example> items, boolean[] correct) {
        if (correct.length != items.size()) {
            throw new IllegalArgumentException(
                    "correct: " + correct.length + ", items: " + items.size());
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no items to score");
        }

        int hits = 0;
        int[] distanceCount = new int[MAX_DISTANCE + 1];
        int[] distanceHits = new int[MAX_DISTANCE + 1];
        int[] attractorCount = new int[MAX_ATTRACTORS + 1];
        int[] attractorHits = new int[MAX_ATTRACTORS + 1];
        for (int i = 0; i < correct.length; i++) {
            Example item = items.get(i);
            int hit = correct[i] ? 1 : 0;
            hits += hit;
            if (inDistanceView(item)) {
                distanceCount[item.distance()]++;
                distanceHits[item.distance()] += hit;
            }
            if (item.homogeneous() && item.attractors() <= MAX_ATTRACTORS) {
                attractorCount[item.attractors()]++;
                attractorHits[item.attractors()] += hit;
            }
        }

        List<BinAccuracy> byDistance = bins(1, distanceCount, distanceHits);
        List<BinAccuracy> byAttractors = bins(0, attractorCount, attractorHits);
        return new AgreementAccuracy(
                items.size(),
                (double) hits / items.size(),
                meanOfBins(byDistance),
                byDistance,
                meanOfBins(byAttractors),
                byAttractors);
    }

    /** Whether an item belongs to one of the distance bins 1..16. */
    public static boolean inDistanceView(Example item) {
        return item.distance() >= 1
                && item.distance() <= MAX_DISTANCE
                && item.intervening() <= MAX_INTERVENING;
    }

    /** Unweighted mean of the non-empty bins' accuracies; null when every bin is empty. */
    public static Double meanOfBins(List<BinAccuracy> bins) {
        double sum = 0;
        int n = 0;
        for (BinAccuracy bin : bins) {
            if (bin.accuracy() != null) {
                sum += bin.accuracy();
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static List<BinAccuracy> bins(int first, int[] count, int[] hits) {
        List<BinAccuracy> bins = new ArrayList<>();
        for (int b = first; b < count.length; b++) {
            Double accuracy = count[b] == 0 ? null : (double) hits[b] / count[b];
            bins.add(new BinAccuracy(b, count[b], accuracy));
        }
        return List.copyOf(bins);
    }
}
