package kd.common.train;

import java.util.List;
import kd.common.events.TrainingSummary;
import kd.common.model.TrainedModel;

/**
 * What a training run produced; closing it closes the model.
 *
 * @param epochs epochs completed, resumed ones included
 * @param trainLoss mean distillation loss of each epoch
 * @param validationLoss gold cross-entropy on the validation set after each epoch
 * @param validationAccuracy after each epoch: classification accuracy, or LM next-token accuracy
 * @param wallSeconds training time, resumed epochs included
 * @param device where it ran, as DJL names it
 * @param resumedFromEpoch epochs that came from a checkpoint (0 for a fresh run)
 * @param stoppedEarly early stopping ended the run before {@code TrainConfig.epochs}
 * @param bestEpoch epoch (from 1) with the lowest validation loss; the model holds its parameters
 *     when early stopping is on, else the last epoch's
 */
public record TrainingResult(
        int epochs,
        List<Double> trainLoss,
        List<Double> validationLoss,
        List<Double> validationAccuracy,
        double wallSeconds,
        String device,
        int resumedFromEpoch,
        boolean stoppedEarly,
        int bestEpoch,
        TrainedModel model)
        implements AutoCloseable {

    public TrainingSummary summary() {
        return new TrainingSummary(
                epochs,
                trainLoss,
                validationLoss,
                validationAccuracy,
                wallSeconds,
                device,
                resumedFromEpoch);
    }

    @Override
    public void close() {
        model.close();
    }
}
