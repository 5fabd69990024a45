package kd.common.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import kd.common.data.Example;
import kd.common.model.Batch;
import kd.common.model.ModelConfig;
import kd.common.model.Objective;
import kd.common.model.TrainedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model with the distillation loss: shuffle, batch, forward, loss, backward, clip, Adam
 * step; validate and checkpoint after every epoch.
 *
 * <p><b>Reproducibility.</b> The engine's random seed is set from {@code TrainConfig.seed} before
 * the parameters are drawn and again at the start of every epoch (seed + epoch), and batches are
 * shuffled with a {@link Random} seeded the same way; so an epoch's dropout masks and order do not
 * depend on whether the run was resumed. The same run on the same machine with the same PyTorch
 * thread count gives the same numbers; pin the thread count with the system property {@code
 * ai.djl.pytorch.num_threads}, which the engine reads when it starts. GPU kernels may still differ
 * between runs.
 *
 * <p><b>Checkpoints.</b> After each epoch the trainer saves {@code last-epoch} (parameters, curves,
 * epoch counter; not the Adam moments) and, when the validation loss improved, {@code best-epoch}
 * (parameters). A new run first loads {@code last-epoch}; when its settings match, training goes on
 * from the epoch after it.
 */
public final class Trainer {

    private static final ReentrantLock COLLECTING = new ReentrantLock();

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** Padding value of the top-k log tail: finite and below 0, ignored by the mask. */
    private static final float PADDED_LOG_TAIL = -1f;

    public TrainingResult train(
            ModelConfig config,
            TrainConfig train,
            List<Example> trainSet,
            List<Example> validation,
            SoftTargets teacher,
            CheckpointStore store,
            TrainingListener listener) {
        Device device = Devices.select(train.device());
        List<Example> items = usable(config, trainSet);
        List<Example> valid = usable(config, validation == null ? List.of() : validation);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no usable training examples for " + config.name());
        }
        DistillationLoss loss = new DistillationLoss(train.temperature(), train.ratio());
        String fingerprint = fingerprint(config, train, teacher != null);
        Engine.getInstance().setRandomSeed(seedFor(train.seed(), 0));
        TrainedModel model = TrainedModel.create(config, device);
        LOG.info(
                "training {} ({} objective, {} parameters) on {}: {} examples, {} validation, {}",
                config.name(),
                config.objective(),
                model.parameterCount(),
                device,
                items.size(),
                valid.size(),
                teacher == null
                        ? "gold labels"
                        : "distilled, T=" + train.temperature() + " r=" + train.ratio());

        try {
            Checkpoint.State state = resume(model, store, fingerprint, config);
            int resumed = state.epochs();
            int steps = (items.size() + train.batchSize() - 1) / train.batchSize();
            long stepOffset = (long) resumed * steps;
            Tracker schedule =
                    update ->
                            (float)
                                    train.learningRateAt(
                                            stepOffset + Math.max(0, update - 1), steps);
            Optimizer adam =
                    Optimizer.adam()
                            .optLearningRateTracker(schedule)
                            .optWeightDecays((float) config.l2())
                            .build();
            Collection<Parameter> parameters = model.block().getParameters().values();

            for (int epoch = resumed + 1;
                    epoch <= train.epochs() && !state.stoppedEarly();
                    epoch++) {
                long started = System.nanoTime();
                double trainLoss =
                        runEpoch(
                                model,
                                loss,
                                train,
                                items,
                                teacher,
                                adam,
                                parameters,
                                epoch,
                                steps,
                                listener);
                double[] val = validate(model, valid);
                double seconds = (System.nanoTime() - started) / 1e9;

                boolean improved = !Double.isNaN(val[0]) && val[0] < state.bestValidationLoss();
                int sinceBest = improved ? 0 : epoch - state.bestEpoch();
                boolean stop =
                        train.earlyStopping()
                                && !Double.isNaN(val[0])
                                && sinceBest >= train.patience()
                                && epoch < train.epochs();
                state = state.next(trainLoss, val[0], val[1], seconds, improved, stop);
                if (improved && train.earlyStopping()) {
                    store.save(Checkpoint.BEST, model.parameters());
                }
                store.save(Checkpoint.NAME, new Checkpoint(state, model.parameters()).toBytes());
                LOG.info(
                        "{} epoch {}/{}: train loss {}, validation loss {}, accuracy {}, {} s",
                        config.name(),
                        epoch,
                        train.epochs(),
                        String.format("%.4f", trainLoss),
                        String.format("%.4f", val[0]),
                        String.format("%.4f", val[1]),
                        String.format("%.1f", seconds));
                listener.onEpoch(
                        new TrainingListener.Epoch(
                                epoch, train.epochs(), trainLoss, val[0], val[1], seconds));
                if (stop) {
                    LOG.info(
                            "{}: early stop after epoch {}, best epoch {}",
                            config.name(),
                            epoch,
                            state.bestEpoch());
                }
            }

            if (train.earlyStopping()
                    && state.bestEpoch() > 0
                    && state.bestEpoch() < state.epochs()) {
                Optional<byte[]> best = store.load(Checkpoint.BEST);
                if (best.isPresent()) {
                    model.loadParameters(best.get());
                } else {
                    LOG.warn(
                            "{}: best-epoch parameters are not in the store; keeping the last",
                            config.name());
                }
            }
            return new TrainingResult(
                    state.epochs(),
                    state.trainLoss(),
                    state.validationLoss(),
                    state.validationAccuracy(),
                    state.wallSeconds(),
                    device.toString(),
                    resumed,
                    state.stoppedEarly(),
                    state.bestEpoch(),
                    model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private Checkpoint.State resume(
            TrainedModel model, CheckpointStore store, String fingerprint, ModelConfig config) {
        Optional<byte[]> saved = store.load(Checkpoint.NAME);
        if (saved.isEmpty()) {
            return Checkpoint.State.fresh(fingerprint);
        }
        Checkpoint checkpoint = Checkpoint.fromBytes(saved.get());
        if (!checkpoint.state().fingerprint().equals(fingerprint)) {
            LOG.warn(
                    "checkpoint of {} was made with other settings; starting from scratch",
                    config.name());
            return Checkpoint.State.fresh(fingerprint);
        }
        model.loadParameters(checkpoint.parameters());
        LOG.info("resuming {} from epoch {}", config.name(), checkpoint.state().epochs());
        return checkpoint.state();
    }

    private double runEpoch(
            TrainedModel model,
            DistillationLoss loss,
            TrainConfig train,
            List<Example> items,
            SoftTargets teacher,
            Optimizer adam,
            Collection<Parameter> parameters,
            int epoch,
            int steps,
            TrainingListener listener) {
        Engine.getInstance().setRandomSeed(seedFor(train.seed(), epoch));
        List<Example> order = new ArrayList<>(items);
        Collections.shuffle(order, new Random(seedFor(train.seed(), epoch)));

        NDManager manager = model.manager();
        ParameterStore ps = new ParameterStore(manager, false);
        ps.setParameterServer(new LocalParameterServer(adam), new Device[] {manager.getDevice()});
        long started = System.nanoTime();
        long lastReport = started;
        double weightedLoss = 0;
        double weight = 0;
        int examples = 0;
        for (int step = 1; step <= steps; step++) {
            int from = (step - 1) * train.batchSize();
            List<Example> chunk =
                    order.subList(from, Math.min(order.size(), from + train.batchSize()));
            double[] value;
            try (NDManager sub = manager.newSubManager()) {
                value = trainStep(model, loss, chunk, teacher, ps, sub);
            }
            double norm = GradientClipping.clipGlobalNorm(parameters, train.clipNorm());
            if (Double.isFinite(value[0]) && Double.isFinite(norm)) {
                weightedLoss += value[0] * value[1];
                weight += value[1];
                ps.updateAllParameters();
            } else {
                // A non-finite loss or gradient would poison every parameter through Adam's
                // moments; the step is dropped instead, and said so.
                LOG.warn(
                        "{} epoch {} step {}: non-finite loss {} or gradient norm {}; step skipped",
                        model.config().name(),
                        epoch,
                        step,
                        value[0],
                        norm);
            }
            GradientClipping.zeroAll(parameters);
            examples += chunk.size();

            long now = System.nanoTime();
            if ((now - lastReport) / 1e9 >= train.progressSeconds() || step == steps) {
                lastReport = now;
                double rate = examples / Math.max(1e-9, (now - started) / 1e9);
                double mean = weightedLoss / weight;
                LOG.info(
                        "{} epoch {}/{} step {}/{}: loss {}, {} examples/s",
                        model.config().name(),
                        epoch,
                        train.epochs(),
                        step,
                        steps,
                        String.format("%.4f", mean),
                        String.format("%.0f", rate));
                listener.onProgress(
                        new TrainingListener.Progress(
                                epoch, train.epochs(), step, steps, mean, rate));
            }
        }
        return weightedLoss / weight;
    }

    /** One forward and backward pass; returns {loss, its weight (examples or real tokens)}. */
    private double[] trainStep(
            TrainedModel model,
            DistillationLoss loss,
            List<Example> chunk,
            SoftTargets teacher,
            ParameterStore ps,
            NDManager sub) {
        ModelConfig config = model.config();
        // DJL's PyTorch engine allows one gradient collector per process at a time, so models
        // trained side by side in one JVM take turns here, one step each.
        COLLECTING.lock();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray value;
            double weight;
            if (config.objective() == Objective.CLASSIFICATION) {
                Batch batch = Batch.classification(chunk, config);
                NDList out = model.block().forward(ps, batch.inputs(sub), true);
                NDArray teacherLogits =
                        teacher == null ? null : classificationTeacher(sub, chunk, teacher);
                value = loss.classification(out.get(0), teacherLogits, labels(sub, chunk));
                weight = chunk.size();
            } else {
                Batch batch = Batch.lm(sentences(chunk), config);
                NDList out = model.block().forward(ps, batch.inputs(sub), true);
                DistillationLoss.LmTeacher lmTeacher =
                        teacher == null ? null : lmTeacher(sub, chunk, batch, teacher, config);
                value = loss.lm(out.get(0), lmTeacher, batch.targetArray(sub), batch.mask(sub));
                weight = batch.realTokens();
            }
            collector.backward(value);
            return new double[] {value.getFloat(), weight};
        } finally {
            COLLECTING.unlock();
        }
    }

    /** {gold cross-entropy, accuracy} on {@code examples}; NaN for both when there are none. */
    static double[] validate(TrainedModel model, List<Example> examples) {
        if (examples.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        ModelConfig config = model.config();
        double lossSum = 0;
        double correct = 0;
        double count = 0;
        for (int start = 0; start < examples.size(); start += TrainedModel.CHUNK) {
            List<Example> chunk =
                    examples.subList(start, Math.min(examples.size(), start + TrainedModel.CHUNK));
            try (NDManager sub = model.manager().newSubManager()) {
                if (config.objective() == Objective.CLASSIFICATION) {
                    NDArray logits = model.forward(sub, Batch.classification(chunk, config)).get(0);
                    NDArray gold = labels(sub, chunk);
                    lossSum += DistillationLoss.goldCe(logits, gold).sum().getFloat();
                    correct += logits.argMax(-1).eq(gold).sum().getLong();
                    count += chunk.size();
                } else {
                    Batch batch = Batch.lm(sentences(chunk), config);
                    NDArray logits = model.forward(sub, batch).get(0);
                    NDArray targets = batch.targetArray(sub);
                    NDArray mask = batch.mask(sub);
                    lossSum += DistillationLoss.goldCe(logits, targets).mul(mask).sum().getFloat();
                    correct +=
                            logits.argMax(-1)
                                    .eq(targets)
                                    .toType(DataType.FLOAT32, false)
                                    .mul(mask)
                                    .sum()
                                    .getFloat();
                    count += batch.realTokens();
                }
            }
        }
        return new double[] {lossSum / count, correct / count};
    }

    private static List<Example> usable(ModelConfig config, List<Example> examples) {
        if (config.objective() == Objective.CLASSIFICATION) {
            return examples.stream()
                    .filter(e -> e.input() != null && e.input().length > 0)
                    .toList();
        }
        List<Example> out =
                examples.stream()
                        .filter(e -> e.sentence() != null && e.sentence().length >= 2)
                        .toList();
        if (out.size() < examples.size()) {
            LOG.info(
                    "{}: {} examples without a sentence are left out of LM training",
                    config.name(),
                    examples.size() - out.size());
        }
        return out;
    }

    private static List<int[]> sentences(List<Example> chunk) {
        return chunk.stream().map(Example::sentence).toList();
    }

    private static NDArray labels(NDManager m, List<Example> chunk) {
        long[] y = new long[chunk.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = chunk.get(i).label();
        }
        return m.create(y);
    }

    private static NDArray classificationTeacher(
            NDManager m, List<Example> chunk, SoftTargets teacher) {
        float[] flat = new float[chunk.size() * 2];
        for (int i = 0; i < chunk.size(); i++) {
            float[] logits = teacher.classification().get(chunk.get(i).id());
            if (logits == null || logits.length != 2) {
                throw new IllegalArgumentException(
                        "no teacher logits for example " + chunk.get(i).id());
            }
            System.arraycopy(logits, 0, flat, i * 2, 2);
        }
        return m.create(flat, new Shape(chunk.size(), 2));
    }

    private static DistillationLoss.LmTeacher lmTeacher(
            NDManager m,
            List<Example> chunk,
            Batch batch,
            SoftTargets teacher,
            ModelConfig config) {
        int b = batch.size();
        int w = batch.width();
        SoftTargets.LmTargets first = null;
        List<SoftTargets.LmTargets> rows = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            SoftTargets.LmTargets t = teacher.lm().get(chunk.get(i).id());
            if (t == null) {
                throw new IllegalArgumentException(
                        "no teacher targets for example " + chunk.get(i).id());
            }
            if (t.positions() < batch.lengths()[i]) {
                throw new IllegalArgumentException(
                        "teacher targets of example "
                                + chunk.get(i).id()
                                + " cover "
                                + t.positions()
                                + " positions, the student predicts "
                                + batch.lengths()[i]);
            }
            if (first == null) {
                first = t;
            } else if (t.scheme() != first.scheme() || t.width() != first.width()) {
                throw new IllegalArgumentException(
                        "teacher targets mix schemes or widths in one batch");
            }
            rows.add(t);
        }
        int k = first.width();
        if (first.scheme() == LmScheme.DENSE && k != config.vocabularySize()) {
            throw new IllegalArgumentException(
                    "dense teacher logits have "
                            + k
                            + " entries, the vocabulary "
                            + config.vocabularySize());
        }
        float[] values = new float[b * w * k];
        long[] ids = first.scheme() == LmScheme.DENSE ? null : new long[b * w * k];
        float[] tail = first.scheme() == LmScheme.TOPK ? new float[b * w] : null;
        if (tail != null) {
            java.util.Arrays.fill(tail, PADDED_LOG_TAIL);
        }
        for (int i = 0; i < b; i++) {
            SoftTargets.LmTargets t = rows.get(i);
            int n = batch.lengths()[i];
            System.arraycopy(t.values(), 0, values, i * w * k, n * k);
            if (ids != null) {
                for (int j = 0; j < n * k; j++) {
                    ids[i * w * k + j] = t.ids()[j];
                }
            }
            if (tail != null) {
                System.arraycopy(t.logTail(), 0, tail, i * w, n);
            }
        }
        Shape shape = new Shape(b, w, k);
        return switch (first.scheme()) {
            case DENSE -> new DistillationLoss.LmTeacher.Dense(m.create(values, shape));
            case TOPK ->
                    new DistillationLoss.LmTeacher.TopK(
                            m.create(ids, shape),
                            m.create(values, shape),
                            m.create(tail, new Shape(b, w)));
            case SAMPLED ->
                    new DistillationLoss.LmTeacher.Sampled(
                            m.create(ids, shape), m.create(values, shape));
        };
    }

    private static int seedFor(long seed, int epoch) {
        return (int) (seed * 1_000_003L + epoch);
    }

    private static String fingerprint(ModelConfig config, TrainConfig train, boolean distilled) {
        return String.join(
                "|",
                config.toString(),
                "batch=" + train.batchSize(),
                "lr=" + train.learningRate(),
                "warmup=" + train.warmupSteps(),
                "decay=" + train.decayRate(),
                "clip=" + train.clipNorm(),
                "early=" + train.earlyStopping() + "/" + train.patience(),
                "seed=" + train.seed(),
                "T=" + train.temperature(),
                "r=" + train.ratio(),
                "distilled=" + distilled);
    }
}
