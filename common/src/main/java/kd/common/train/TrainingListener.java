package kd.common.train;

/** Hears how training goes: at a steady interval during an epoch, and after each epoch. */
public interface TrainingListener {

    /**
     * Progress inside an epoch.
     *
     * @param epoch from 1
     * @param step batches done in this epoch, from 1
     * @param loss mean training loss of this epoch so far
     * @param examplesPerSecond training examples per second of this epoch so far
     */
    record Progress(
            int epoch, int epochs, int step, int steps, double loss, double examplesPerSecond) {}

    /**
     * A finished epoch.
     *
     * @param validationLoss gold cross-entropy on the validation set (NaN without one)
     * @param validationAccuracy classification accuracy, or LM next-token accuracy
     * @param seconds wall time of this epoch
     */
    record Epoch(
            int epoch,
            int epochs,
            double trainLoss,
            double validationLoss,
            double validationAccuracy,
            double seconds) {}

    default void onProgress(Progress progress) {}

    default void onEpoch(Epoch epoch) {}

    static TrainingListener none() {
        return new TrainingListener() {};
    }
}
