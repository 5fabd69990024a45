package kd.common.metrics;

import java.util.List;

/**
 * The paper's three agreement accuracies with their bins.
 *
 * @param items items scored
 * @param micro μ-accuracy over all items
 * @param distance D-accuracy: unweighted mean over the non-empty distance bins 1..16; null when
 *     every bin is empty
 * @param byDistance bins 1..16, empty ones included
 * @param attractors A-accuracy: unweighted mean over the non-empty attractor bins 0..4
 * @param byAttractors bins 0..4, empty ones included
 */
public record AgreementAccuracy(
        int items,
        double micro,
        Double distance,
        List<BinAccuracy> byDistance,
        Double attractors,
        List<BinAccuracy> byAttractors) {}
