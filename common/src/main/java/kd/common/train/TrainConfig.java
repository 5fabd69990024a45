package kd.common.train;

import kd.common.events.RunExperiment.DistillationSpec;
import kd.common.events.RunExperiment.TrainingSpec;

/**
 * How a model is trained.
 *
 * <p>Learning rate at step t (from 0, counted over the whole run): {@code learningRate · min(1, (t
 * + 1) / warmupSteps) · decayRate^(t / stepsPerEpoch)}: linear warm-up, then exponential decay that
 * multiplies the rate by {@code decayRate} once per epoch, applied smoothly at every step ({@code
 * decayRate} 1 means no decay).
 *
 * @param clipNorm the global L2 norm of all parameter gradients is scaled down to this when larger;
 *     0 or less disables clipping
 * @param earlyStopping stop when the validation loss has not improved for {@code patience} epochs
 *     and return the parameters of the best epoch
 * @param temperature T of the distillation loss
 * @param ratio r of the distillation loss
 * @param device {@code auto} (GPU when the engine sees one, else CPU), {@code cpu} or {@code gpu}
 *     (an error when there is none)
 * @param progressSeconds interval of progress reports during an epoch
 */
public record TrainConfig(
        int epochs,
        int batchSize,
        double learningRate,
        int warmupSteps,
        double decayRate,
        double clipNorm,
        boolean earlyStopping,
        int patience,
        long seed,
        double temperature,
        double ratio,
        String device,
        double progressSeconds) {

    public TrainConfig {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || warmupSteps < 0) {
            throw new IllegalArgumentException(
                    "epochs, batchSize and learningRate must be positive, warmupSteps >= 0");
        }
        if (!(decayRate > 0 && decayRate <= 1) || patience < 1) {
            throw new IllegalArgumentException("decayRate must be in (0, 1] and patience >= 1");
        }
        new DistillationLoss(temperature, ratio);
        Devices.check(device);
    }

    /** Paper-like defaults: Adam at 1e-3, batch 64, clip 1.0, T = 1, r = 1, 10 epochs. */
    public static TrainConfig defaults() {
        return new TrainConfig(10, 64, 1e-3, 0, 1.0, 1.0, false, 3, 1L, 1.0, 1.0, "auto", 10);
    }

    /** From a run command; missing fields take {@link #defaults()}. */
    public static TrainConfig from(
            TrainingSpec training, DistillationSpec distillation, long seed) {
        TrainConfig d = defaults();
        TrainingSpec t =
                training == null
                        ? new TrainingSpec(null, null, null, null, null, null, null, null, null)
                        : training;
        DistillationSpec s =
                distillation == null
                        ? new DistillationSpec(null, null, null, null, null, null)
                        : distillation;
        return new TrainConfig(
                t.epochs() == null ? d.epochs() : t.epochs(),
                t.batchSize() == null ? d.batchSize() : t.batchSize(),
                t.learningRate() == null ? d.learningRate() : t.learningRate(),
                t.warmupSteps() == null ? d.warmupSteps() : t.warmupSteps(),
                t.decayRate() == null ? d.decayRate() : t.decayRate(),
                t.clipNorm() == null ? d.clipNorm() : t.clipNorm(),
                t.earlyStopping() == null ? d.earlyStopping() : t.earlyStopping(),
                t.patience() == null ? d.patience() : t.patience(),
                seed,
                s.temperature() == null ? d.temperature() : s.temperature(),
                s.ratio() == null ? d.ratio() : s.ratio(),
                t.device() == null ? d.device() : t.device(),
                d.progressSeconds());
    }

    public TrainConfig withEpochs(int value) {
        return new TrainConfig(
                value,
                batchSize,
                learningRate,
                warmupSteps,
                decayRate,
                clipNorm,
                earlyStopping,
                patience,
                seed,
                temperature,
                ratio,
                device,
                progressSeconds);
    }

    public TrainConfig withSeed(long value) {
        return new TrainConfig(
                epochs,
                batchSize,
                learningRate,
                warmupSteps,
                decayRate,
                clipNorm,
                earlyStopping,
                patience,
                value,
                temperature,
                ratio,
                device,
                progressSeconds);
    }

    public TrainConfig withDistillation(double t, double r) {
        return new TrainConfig(
                epochs,
                batchSize,
                learningRate,
                warmupSteps,
                decayRate,
                clipNorm,
                earlyStopping,
                patience,
                seed,
                t,
                r,
                device,
                progressSeconds);
    }

    public TrainConfig withBatchSize(int value) {
        return new TrainConfig(
                epochs,
                value,
                learningRate,
                warmupSteps,
                decayRate,
                clipNorm,
                earlyStopping,
                patience,
                seed,
                temperature,
                ratio,
                device,
                progressSeconds);
    }

    public TrainConfig withLearningRate(double value) {
        return new TrainConfig(
                epochs,
                batchSize,
                value,
                warmupSteps,
                decayRate,
                clipNorm,
                earlyStopping,
                patience,
                seed,
                temperature,
                ratio,
                device,
                progressSeconds);
    }

    public TrainConfig withEarlyStopping(boolean on, int value) {
        return new TrainConfig(
                epochs,
                batchSize,
                learningRate,
                warmupSteps,
                decayRate,
                clipNorm,
                on,
                value,
                seed,
                temperature,
                ratio,
                device,
                progressSeconds);
    }

    public TrainConfig withDevice(String value) {
        return new TrainConfig(
                epochs,
                batchSize,
                learningRate,
                warmupSteps,
                decayRate,
                clipNorm,
                earlyStopping,
                patience,
                seed,
                temperature,
                ratio,
                value,
                progressSeconds);
    }

    /** Learning rate at global step t (from 0), as in the class comment. */
    public double learningRateAt(long step, int stepsPerEpoch) {
        double warm = warmupSteps == 0 ? 1 : Math.min(1.0, (step + 1) / (double) warmupSteps);
        return learningRate * warm * Math.pow(decayRate, step / (double) stepsPerEpoch);
    }
}
