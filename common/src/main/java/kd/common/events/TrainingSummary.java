package kd.common.events;

import java.util.List;

/**
 * How a model's training went, epoch by epoch.
 *
 * @param epochs epochs completed
 * @param trainLoss mean training loss of each epoch
 * @param validationLoss validation loss (gold cross-entropy) of each epoch
 * @param validationAccuracy validation accuracy of each epoch
 * @param wallSeconds training time, resumed epochs included
 * @param device where it ran, as DJL names it
 * @param resumedFromEpoch epochs that came from a checkpoint instead of being trained here
 */
public record TrainingSummary(
        int epochs,
        List<Double> trainLoss,
        List<Double> validationLoss,
        List<Double> validationAccuracy,
        double wallSeconds,
        String device,
        int resumedFromEpoch) {}
