package kd.loader.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.events.RunExperiment.DatasetSpec;
import kd.common.json.Json;
import kd.common.model.Batch;
import kd.common.model.ModelConfig;
import kd.common.model.Objective;
import kd.common.model.TrainedModel;
import kd.common.train.DistillationLoss;
import kd.common.train.GradientClipping;
import kd.loader.prep.Preparer;

/**
 * Training throughput and peak memory of one model under DJL, the Java half of a DJL-versus-PyTorch
 * comparison; {@code bench/pytorch_models.py} is the other half and reads what this one writes.
 *
 * <p><b>What it measures.</b> Classification training on numpred.val (prepared with the real {@link
 * Preparer}, vocabulary capped at 10,000): {@code warmup} steps, then {@code steps} timed steps,
 * each exactly what the trainer does per batch (ids to arrays, forward with dropout, gold
 * cross-entropy, backward, global-norm clipping at 1.0, an Adam step at learning rate 1e-3 with the
 * preset's L2, gradients zeroed). Examples per second is the examples of the timed steps divided by
 * their wall time. Peak memory is the process's resident high-water mark (VmHWM of
 * /proc/self/status, so JVM heap, JIT and the native libtorch allocations together); the resident
 * size just before the first step and the JVM heap peak are written as well. Run one model and
 * preset per process, because the high-water mark only grows.
 *
 * <p><b>What it writes</b>, into {@code <out>/<model>-<preset>/}: {@code config.json} (the {@link
 * ModelConfig} fields and the loop settings), {@code batches.bin} (the padded token batches this
 * side trains on, so the PyTorch side sees the same data and batch size) and {@code djl.json} (the
 * result). {@code batches.bin} is big-endian int32: the batch count, then per batch its rows B and
 * width L, B·L token ids row-major, B lengths and B labels.
 *
 * <p><b>How to run.</b> The whole comparison (both sides, every model and preset, then a Markdown
 * table) is {@code bench/training-benchmark.sh} at the repository root; its header lists the
 * settings. One model alone, after {@code mvn -B -q -pl data-loader -am test-compile} and {@code
 * mvn -B -q -pl data-loader dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt}:
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -Xmx1g -Dai.djl.pytorch.num_threads=1 \
 *     -Dai.djl.pytorch.num_interop_threads=1 \
 *     -cp data-loader/target/test-classes:data-loader/target/classes:common/target/classes:$(cat data-loader/target/bench-cp.txt) \
 *     kd.loader.bench.TrainingBenchmark --data ../shared/data/agreement --out target/training-bench \
 *     --model transformer --preset demo --batch 64 --warmup 5 --steps 30
 * </pre>
 *
 * <p>{@code --data} defaults to {@code <kd.shared.dir>/data/agreement}.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = options(args);
        String model = opt.getOrDefault("model", ModelConfig.TRANSFORMER);
        String preset = opt.getOrDefault("preset", ModelConfig.DEMO);
        int batchSize = Integer.parseInt(opt.getOrDefault("batch", "64"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
        int steps = Integer.parseInt(opt.getOrDefault("steps", "30"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "1"));
        Path data = dataRoot(opt.get("data"));
        Path out = Path.of(opt.getOrDefault("out", "target/training-bench"));
        Path dir = out.resolve(model + "-" + preset);
        Files.createDirectories(dir);

        PreparedDataset dataset =
                new Preparer(List.of(data))
                        .prepare(
                                new DatasetSpec(
                                        "numpred",
                                        List.of("linzen-numpred/numpred.val"),
                                        null,
                                        List.of(0.8, 0.1, 0.1),
                                        (int) seed,
                                        10_000,
                                        null,
                                        null),
                                Preparer.CLASSIFICATION);
        List<Example> train = dataset.splits().get(PreparedDataset.TRAIN);
        ModelConfig config =
                ModelConfig.resolve(
                        model,
                        preset,
                        Map.of(),
                        Objective.CLASSIFICATION,
                        dataset.vocabulary().size());

        // Consecutive slices of the (already shuffled) train split, wrapping around when the
        // step count asks for more examples than there are.
        List<Batch> batches = new ArrayList<>();
        List<long[]> labels = new ArrayList<>();
        for (int s = 0; s < warmup + steps; s++) {
            List<Example> chunk = new ArrayList<>(batchSize);
            long[] y = new long[batchSize];
            for (int i = 0; i < batchSize; i++) {
                Example e = train.get((s * batchSize + i) % train.size());
                chunk.add(e);
                y[i] = e.label();
            }
            batches.add(Batch.classification(chunk, config));
            labels.add(y);
        }
        writeBatches(dir.resolve("batches.bin"), batches, labels);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", config);
        settings.put("batchSize", batchSize);
        settings.put("warmupSteps", warmup);
        settings.put("timedSteps", steps);
        settings.put("learningRate", 1e-3);
        settings.put("clipNorm", 1.0);
        settings.put("seed", seed);
        Files.write(dir.resolve("config.json"), Json.writeBytes(settings));

        Map<String, Object> result = run(config, batches, labels, warmup, seed);
        result.put("model", model);
        result.put("preset", preset);
        result.put("batchSize", batchSize);
        result.put("warmupSteps", warmup);
        result.put("timedSteps", steps);
        result.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        result.put(
                "engine",
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        Files.write(dir.resolve("djl.json"), Json.writeBytes(result));
        System.out.println(Json.write(result));
    }

    private static Map<String, Object> run(
            ModelConfig config, List<Batch> batches, List<long[]> labels, int warmup, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        DistillationLoss loss = new DistillationLoss(1.0, 1.0);
        Map<String, Object> result = new LinkedHashMap<>();
        try (TrainedModel model = TrainedModel.create(config, Device.cpu())) {
            Optimizer adam =
                    Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(1e-3f))
                            .optWeightDecays((float) config.l2())
                            .build();
            NDManager manager = model.manager();
            ParameterStore ps = new ParameterStore(manager, false);
            ps.setParameterServer(
                    new LocalParameterServer(adam), new Device[] {manager.getDevice()});
            Collection<Parameter> parameters = model.block().getParameters().values();
            result.put("parameters", model.parameterCount());
            result.put("rssBeforeMb", procStatusMb("VmRSS"));

            long started = 0;
            long examples = 0;
            double lastLoss = Double.NaN;
            for (int s = 0; s < batches.size(); s++) {
                if (s == warmup) {
                    started = System.nanoTime();
                }
                Batch batch = batches.get(s);
                try (NDManager sub = manager.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList outputs = model.block().forward(ps, batch.inputs(sub), true);
                    NDArray value =
                            loss.classification(outputs.get(0), null, sub.create(labels.get(s)));
                    collector.backward(value);
                    lastLoss = value.getFloat();
                }
                GradientClipping.clipGlobalNorm(parameters, 1.0);
                ps.updateAllParameters();
                GradientClipping.zeroAll(parameters);
                if (s >= warmup) {
                    examples += batch.size();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            result.put("examplesPerSecond", examples / seconds);
            result.put("timedSeconds", seconds);
            result.put("lastLoss", lastLoss);
        }
        result.put("peakRssMb", procStatusMb("VmHWM"));
        result.put("heapPeakMb", heapPeakMb());
        return result;
    }

    private static void writeBatches(Path file, List<Batch> batches, List<long[]> labels)
            throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.writeInt(batches.size());
            for (int s = 0; s < batches.size(); s++) {
                Batch b = batches.get(s);
                out.writeInt(b.size());
                out.writeInt(b.width());
                for (int[] row : b.tokens()) {
                    for (int id : row) {
                        out.writeInt(id);
                    }
                }
                for (int length : b.lengths()) {
                    out.writeInt(length);
                }
                for (long y : labels.get(s)) {
                    out.writeInt((int) y);
                }
            }
        }
    }

    /** A memory line of /proc/self/status in MiB, or -1 where there is none (not Linux). */
    static double procStatusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    String kb = line.substring(field.length() + 1).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Sum of the heap pools' peak usage in MiB (an upper bound: pools peak at different times). */
    static double heapPeakMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }

    static Path dataRoot(String given) {
        if (given != null) {
            return Path.of(given);
        }
        String shared = System.getProperty("kd.shared.dir");
        if (shared == null) {
            throw new IllegalArgumentException(
                    "give --data <shared>/data/agreement or -Dkd.shared.dir=<shared>");
        }
        return Path.of(shared, "data", "agreement");
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
