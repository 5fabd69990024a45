package kd.support.training;

import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.events.EventMeta;
import kd.common.events.ModelId;
import kd.common.events.RunExperiment;
import kd.common.events.RunExperiment.TrainingSpec;
import kd.common.events.TrainingProgress;
import kd.common.events.TrainingSummary;
import kd.common.json.Json;
import kd.common.model.ModelConfig;
import kd.common.model.Objective;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectRef;
import kd.common.store.ObjectStore;
import kd.common.train.CheckpointStore;
import kd.common.train.SoftTargets;
import kd.common.train.TrainConfig;
import kd.common.train.Trainer;
import kd.common.train.TrainingListener;
import kd.common.train.TrainingResult;
import kd.support.EventPublisher;
import kd.support.Metrics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model of a run the way both the teacher and the student services do: checkpoints after
 * every epoch under {@code runs/<run>/checkpoints/<model>/} (so a restarted service resumes),
 * progress events and gauges at a steady interval, and the final parameters and configuration under
 * {@code runs/<run>/models/<model>/}.
 */
@ApplicationScoped
public class ModelTraining {

    private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);

    @Inject ObjectStore store;
    @Inject EventPublisher publisher;
    @Inject GaugeBoard gauges;

    /** Forces {@code cpu} or {@code gpu} for every run this service trains, whatever they ask. */
    @ConfigProperty(name = "kd.training.device")
    Optional<String> forcedDevice;

    @ConfigProperty(name = "kd.training.progress-seconds", defaultValue = "5")
    double progressSeconds;

    /** A trained model, its stored parameters, and how training went. */
    public record Outcome(
            ModelConfig config, byte[] parameters, ObjectRef checkpoint, TrainingSummary summary) {}

    public static String modelKey(String runId, ModelId id, String name) {
        return ObjectKeys.run(runId, "models/" + id.key() + "/" + name);
    }

    public static Objective objective(RunExperiment command) {
        return "lm".equals(command.setup()) ? Objective.LM : Objective.CLASSIFICATION;
    }

    /**
     * @param teacher soft targets for a distilled student; null trains on gold labels only
     */
    public Outcome train(
            String stage,
            RunExperiment command,
            ModelId id,
            RunExperiment.ModelSpec spec,
            PreparedDataset data,
            SoftTargets teacher) {
        String runId = command.runId();
        ModelConfig config =
                ModelConfig.resolve(
                        spec.model(),
                        spec.preset(),
                        spec.overrides(),
                        objective(command),
                        data.vocabulary().size());
        TrainingSpec t = command.training();
        TrainConfig train =
                TrainConfig.from(t, command.distillation(), id.seed())
                        .withDevice(forcedDevice.orElse(t.device()));
        List<Example> trainSet = data.splits().get(PreparedDataset.TRAIN);
        List<Example> validation = data.splits().get(PreparedDataset.VALIDATION);
        LOG.info(
                "run {}: training {} ({} preset, {} train / {} validation items{})",
                runId,
                id.key(),
                spec.preset(),
                trainSet.size(),
                validation.size(),
                teacher == null
                        ? ""
                        : ", distilled at T=" + train.temperature() + " r=" + train.ratio());

        TrainingSummary summary;
        byte[] parameters;
        try (TrainingResult result =
                new Trainer()
                        .train(
                                config,
                                train,
                                trainSet,
                                validation,
                                teacher,
                                checkpoints(runId, id),
                                listener(stage, runId, id, t.batchSize()))) {
            parameters = result.model().parameters();
            summary = result.summary();
        }
        store.put(modelKey(runId, id, "config.json"), Json.writeBytes(config));
        ObjectRef checkpoint = store.put(modelKey(runId, id, "model.params"), parameters);
        List<Double> accuracy = summary.validationAccuracy();
        LOG.info(
                "run {}: {} trained in {} s on {}: validation accuracy {}",
                runId,
                id.key(),
                String.format("%.1f", summary.wallSeconds()),
                summary.device(),
                accuracy.isEmpty()
                        ? "-"
                        : String.format("%.4f", accuracy.get(accuracy.size() - 1)));
        return new Outcome(config, parameters, checkpoint, summary);
    }

    private CheckpointStore checkpoints(String runId, ModelId id) {
        String prefix = "checkpoints/" + id.key() + "/";
        return new CheckpointStore() {
            @Override
            public Optional<byte[]> load(String name) {
                String key = ObjectKeys.run(runId, prefix + name);
                return store.exists(key) ? Optional.of(store.get(key)) : Optional.empty();
            }

            @Override
            public void save(String name, byte[] bytes) {
                store.put(ObjectKeys.run(runId, prefix + name), bytes);
            }
        };
    }

    private TrainingListener listener(String stage, String runId, ModelId id, int batchSize) {
        Tags tags = Tags.of("run", runId, "model", id.key(), "stage", stage);
        long intervalNanos = (long) (progressSeconds * 1e9);
        return new TrainingListener() {
            long last = System.nanoTime();

            @Override
            public void onProgress(Progress p) {
                gauges.set(Metrics.TRAINING_LOSS, tags, p.loss());
                gauges.set(Metrics.TRAINING_SPEED, tags, p.examplesPerSecond());
                gauges.set(Metrics.TRAINING_EPOCH, tags, p.epoch());
                long now = System.nanoTime();
                if (now - last < intervalNanos) {
                    return;
                }
                last = now;
                double stepsLeft =
                        (double) (p.epochs() - p.epoch()) * p.steps() + (p.steps() - p.step());
                double stepsPerSecond = p.examplesPerSecond() / batchSize;
                double eta = stepsPerSecond > 0 ? stepsLeft / stepsPerSecond : -1;
                publisher.publish(
                        new TrainingProgress(
                                EventMeta.of(runId),
                                stage,
                                id.key(),
                                p.epoch(),
                                p.epochs(),
                                p.loss(),
                                p.examplesPerSecond(),
                                eta));
            }

            @Override
            public void onEpoch(Epoch e) {
                gauges.set(Metrics.VALIDATION_ACCURACY, tags, e.validationAccuracy());
            }
        };
    }
}
