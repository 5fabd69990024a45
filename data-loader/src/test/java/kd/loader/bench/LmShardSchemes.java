package kd.loader.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.events.RunExperiment.DatasetSpec;
import kd.common.json.Json;
import kd.common.metrics.LmAgreement;
import kd.common.metrics.Perplexity;
import kd.common.model.ModelConfig;
import kd.common.model.Objective;
import kd.common.model.TrainedModel;
import kd.common.shard.PayloadKind;
import kd.common.shard.Sampled;
import kd.common.shard.ShardCodec;
import kd.common.shard.ShardHeader;
import kd.common.shard.SoftLabelShard;
import kd.common.shard.SoftLabels;
import kd.common.shard.SoftTargetsJoin;
import kd.common.shard.TeacherId;
import kd.common.shard.TopK;
import kd.common.store.Sha256;
import kd.common.train.CheckpointStore;
import kd.common.train.SoftTargets;
import kd.common.train.SoftTargets.LmTargets;
import kd.common.train.TrainConfig;
import kd.common.train.Trainer;
import kd.common.train.TrainingListener;
import kd.common.train.TrainingResult;
import kd.loader.prep.Preparer;

/**
 * What each LM soft-label scheme costs in bytes and what it gives the student, in one process
 * without broker or store.
 *
 * <p><b>What it does.</b> Prepares an LM dataset from UD English EWT with the real {@link Preparer}
 * (CoNLL-U; train parts {@code en_ewt-ud-train.part1..partN}, split 0.9 / 0.1 / 0, at most {@code
 * --items} items, a vocabulary of at most {@code --vocabulary} words; {@code en_ewt-ud-dev.conllu}
 * as the extra test set {@code ewt-dev}). Trains one {@code lstm} teacher (demo preset) on gold
 * next words, and takes its LM logits on the train split ({@code TrainedModel.lmLogits}). For each
 * scheme, dense, top-k and sampled (k from {@code --k}), it builds every example's {@link
 * SoftLabels} with the shard helpers ({@link SoftLabels#dense}, {@link TopK#of}, {@link
 * Sampled#of}; sampled ids seeded per example as the teacher service does), encodes them with
 * {@link ShardCodec} in shards of {@code --shard} examples, decodes the bytes again and turns the
 * decoded labels into the trainer's {@link LmTargets} the way the student service does (sampled
 * draws weigh 1 each). Then it trains one {@code transformer} student (demo preset, the same seed
 * and epochs for every scheme, T = 1, r = 1: pure distillation as in the paper's scenario 1), plus
 * one on gold next words for reference.
 *
 * <p><b>What it reports</b>, as a Markdown table: encoded bytes per LM position (all shards of the
 * scheme, headers included, divided by the positions labelled), the shards' total size, the
 * student's perplexity on {@code ewt-dev} (pooled over tokens, end token included), and its
 * agreement accuracy from the LM on {@code ewt-dev}: at the verb position, the correct verb form
 * must score above the same verb in the other number (pairs from the vocabulary's {@code
 * verbPairs}; items whose verb has no pair are left out and counted), the same rule as the
 * evaluator service. The teacher's own row comes first.
 *
 * <p><b>How to run</b>, from the repository root, after {@code mvn -B -q -pl data-loader -am
 * test-compile} and {@code mvn -B -q -pl data-loader dependency:build-classpath
 * -Dmdep.outputFile=target/bench-cp.txt}:
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -Xmx4g -Dai.djl.pytorch.num_threads=1 \
 *     -Dai.djl.pytorch.num_interop_threads=1 \
 *     -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
 *     -cp data-loader/target/test-classes:data-loader/target/classes:common/target/classes:$(cat data-loader/target/bench-cp.txt) \
 *     kd.loader.bench.LmShardSchemes --data ../shared/data/agreement
 * </pre>
 *
 * <p>{@code bench/lm-shard-schemes.sh} at the repository root does the same, compile included.
 *
 * <p>Options (defaults in brackets): {@code --data} the agreement data folder [{@code
 * <kd.shared.dir>/data/agreement}], {@code --parts} train parts read [2], {@code --items} [2000],
 * {@code --vocabulary} [2000], {@code --teacher-epochs} [10], {@code --student-epochs} [6], {@code
 * --batch} [32], {@code --k} [8,32], {@code --shard} [256], {@code --seed} [1]. Part 1 holds 877
 * agreement items and part 2 a similar number, so the defaults train on some 1,600 items (90 % of
 * them; about 45,000 LM positions). By an estimate from shorter runs, the defaults take 5 to 8
 * minutes on 2 otherwise idle cores (one teacher, seven students). {@code ewt-dev} has 377 items,
 * of which about 310 have a verb pair in the vocabulary: agreement accuracies differ by chance by a
 * few points. Dense labels hold positions × vocabulary floats, so memory grows with {@code --items
 * · --vocabulary}: the teacher logits, the decoded dense labels and one shard's bytes are alive
 * together, roughly 1 GB of heap with the defaults by the same estimate.
 */
public final class LmShardSchemes {

    private static final String DEV = "ewt-dev";

    private LmShardSchemes() {}

    /** One way of keeping the teacher's distributions: a payload kind and its k. */
    record Scheme(String name, PayloadKind kind, int k) {}

    /** One student's (or the teacher's) line of the table. */
    record Row(
            String model,
            String labels,
            double bytesPerPosition,
            long shardBytes,
            double perplexity,
            double agreement,
            int scored,
            int excluded,
            double trainSeconds) {}

    public static void main(String[] args) {
        Map<String, String> opt = TrainingBenchmark.options(args);
        Path data = TrainingBenchmark.dataRoot(opt.get("data"));
        int parts = Integer.parseInt(opt.getOrDefault("parts", "2"));
        int items = Integer.parseInt(opt.getOrDefault("items", "2000"));
        int vocabulary = Integer.parseInt(opt.getOrDefault("vocabulary", "2000"));
        int teacherEpochs = Integer.parseInt(opt.getOrDefault("teacher-epochs", "10"));
        int studentEpochs = Integer.parseInt(opt.getOrDefault("student-epochs", "6"));
        int batch = Integer.parseInt(opt.getOrDefault("batch", "32"));
        int shardSize = Integer.parseInt(opt.getOrDefault("shard", "256"));
        int seed = Integer.parseInt(opt.getOrDefault("seed", "1"));
        int[] ks =
                Arrays.stream(opt.getOrDefault("k", "8,32").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();

        List<String> train = new ArrayList<>();
        for (int p = 1; p <= parts; p++) {
            train.add("ud-english-ewt/en_ewt-ud-train.part" + p + ".conllu");
        }
        PreparedDataset dataset =
                new Preparer(List.of(data))
                        .prepare(
                                new DatasetSpec(
                                        "conllu",
                                        train,
                                        Map.of(DEV, "ud-english-ewt/en_ewt-ud-dev.conllu"),
                                        List.of(0.9, 0.1, 0.0),
                                        seed,
                                        vocabulary,
                                        items,
                                        null),
                                Preparer.LM);
        List<Example> trainSet = withSentence(dataset.splits().get(PreparedDataset.TRAIN));
        List<Example> validation = dataset.splits().get(PreparedDataset.VALIDATION);
        List<Example> dev = dataset.splits().get(DEV);
        int v = dataset.vocabulary().size();
        System.out.printf(
                Locale.ROOT,
                "dataset %s: %d train, %d validation, %d %s items; vocabulary %d%n",
                dataset.id().substring(0, 12),
                trainSet.size(),
                validation.size(),
                dev.size(),
                DEV,
                v);

        TrainConfig base =
                TrainConfig.defaults()
                        .withBatchSize(batch)
                        .withSeed(seed)
                        .withDevice("cpu")
                        .withDistillation(1.0, 1.0);
        ModelConfig teacherConfig =
                ModelConfig.resolve(ModelConfig.LSTM, ModelConfig.DEMO, Map.of(), Objective.LM, v);
        ModelConfig studentConfig =
                ModelConfig.resolve(
                        ModelConfig.TRANSFORMER, ModelConfig.DEMO, Map.of(), Objective.LM, v);

        List<Row> rows = new ArrayList<>();
        float[][][] logits;
        String checkpointHash;
        long started = System.nanoTime();
        TrainingResult teacher =
                new Trainer()
                        .train(
                                teacherConfig,
                                base.withEpochs(teacherEpochs),
                                trainSet,
                                validation,
                                null,
                                CheckpointStore.none(),
                                TrainingListener.none());
        try (TrainedModel model = teacher.model()) {
            double seconds = (System.nanoTime() - started) / 1e9;
            rows.add(evaluate("lstm (teacher)", "gold", -1, -1, model, dataset, dev, seconds));
            logits = model.lmLogits(trainSet.stream().map(Example::sentence).toList());
            checkpointHash = Sha256.of(model.parameters());
        }
        TeacherId teacherId =
                new TeacherId("lm-shard-schemes", ModelConfig.LSTM, seed, checkpointHash);
        String vocabularyHash = Sha256.of(Json.writeBytes(dataset.vocabulary()));

        List<Scheme> schemes = new ArrayList<>();
        schemes.add(new Scheme("dense", PayloadKind.LM_DENSE, 0));
        for (int k : ks) {
            schemes.add(new Scheme("top-" + k, PayloadKind.LM_TOPK, k));
        }
        for (int k : ks) {
            schemes.add(new Scheme("sampled-" + k, PayloadKind.LM_SAMPLED, k));
        }

        long totalPositions = 0;
        for (float[][] l : logits) {
            totalPositions += l.length;
        }
        rows.add(student("gold", -1, -1, null, studentConfig, base, studentEpochs, dataset, dev));
        for (Scheme scheme : schemes) {
            ShardHeader header =
                    new ShardHeader(
                            scheme.kind(),
                            v,
                            scheme.k(),
                            1f,
                            dataset.id(),
                            vocabularyHash,
                            teacherId);
            long bytes = 0;
            Map<String, LmTargets> targets = new HashMap<>();
            for (int from = 0; from < trainSet.size(); from += shardSize) {
                List<SoftLabels> labels = new ArrayList<>();
                for (int i = from; i < Math.min(trainSet.size(), from + shardSize); i++) {
                    labels.add(labels(trainSet.get(i).id(), logits[i], scheme, seed));
                }
                byte[] encoded = ShardCodec.encode(new SoftLabelShard(header, labels));
                bytes += encoded.length;
                targets.putAll(SoftTargetsJoin.join(List.of(ShardCodec.decode(encoded))).lm());
            }
            rows.add(
                    student(
                            scheme.name(),
                            bytes / (double) totalPositions,
                            bytes,
                            SoftTargets.ofLm(targets),
                            studentConfig,
                            base,
                            studentEpochs,
                            dataset,
                            dev));
        }

        System.out.printf(
                Locale.ROOT,
                "%nLM soft-label schemes: %d train items (%d positions), vocabulary %d, teacher"
                        + " lstm demo %d epochs, students transformer demo %d epochs, batch %d,"
                        + " seed %d; scores on %s (%d items)%n%n",
                trainSet.size(),
                totalPositions,
                v,
                teacherEpochs,
                studentEpochs,
                batch,
                seed,
                DEV,
                dev.size());
        System.out.println(
                "| model | soft labels | bytes / position | shard MB | perplexity | agreement acc."
                        + " | items scored (left out) | train s |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %.2f | %.3f | %d (%d) | %.0f |%n",
                    r.model(),
                    r.labels(),
                    r.bytesPerPosition() < 0
                            ? "–"
                            : String.format(Locale.ROOT, "%.1f", r.bytesPerPosition()),
                    r.shardBytes() < 0
                            ? "–"
                            : String.format(Locale.ROOT, "%.2f", r.shardBytes() / 1e6),
                    r.perplexity(),
                    r.agreement(),
                    r.scored(),
                    r.excluded(),
                    r.trainSeconds());
        }
    }

    private static Row student(
            String labels,
            double bytesPerPosition,
            long shardBytes,
            SoftTargets targets,
            ModelConfig config,
            TrainConfig base,
            int epochs,
            PreparedDataset dataset,
            List<Example> dev) {
        long started = System.nanoTime();
        TrainingResult result =
                new Trainer()
                        .train(
                                config,
                                base.withEpochs(epochs),
                                withSentence(dataset.splits().get(PreparedDataset.TRAIN)),
                                dataset.splits().get(PreparedDataset.VALIDATION),
                                targets,
                                CheckpointStore.none(),
                                TrainingListener.none());
        double seconds = (System.nanoTime() - started) / 1e9;
        try (TrainedModel model = result.model()) {
            return evaluate(
                    "transformer",
                    labels,
                    bytesPerPosition,
                    shardBytes,
                    model,
                    dataset,
                    dev,
                    seconds);
        }
    }

    /** Perplexity and LM agreement accuracy on {@code dev}, by the evaluator's rules. */
    private static Row evaluate(
            String name,
            String labels,
            double bytesPerPosition,
            long shardBytes,
            TrainedModel model,
            PreparedDataset dataset,
            List<Example> dev,
            double trainSeconds) {
        List<Example> usable = withSentence(dev);
        List<int[]> sentences = usable.stream().map(Example::sentence).toList();
        Perplexity perplexity = new Perplexity();
        for (float[] row : model.tokenLogProbs(sentences)) {
            double nll = 0;
            for (float logProb : row) {
                nll -= logProb;
            }
            perplexity.add(nll, row.length);
        }

        Map<Integer, Integer> others = dataset.vocabulary().otherNumberIds();
        List<int[]> prefixes = new ArrayList<>();
        List<int[]> candidates = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            Example e = usable.get(i);
            int verb = e.verbPosition();
            // A verb past the model's longest input cannot be predicted; it is left out.
            if (verb < 1 || verb > model.config().maxLength()) {
                continue;
            }
            Integer other = others.get(e.sentence()[verb]);
            if (other == null) {
                continue;
            }
            prefixes.add(Arrays.copyOf(e.sentence(), verb));
            candidates.add(new int[] {e.sentence()[verb], other});
            at.add(i);
        }
        double[] correct = new double[usable.size()];
        double[] wrong = new double[usable.size()];
        Arrays.fill(correct, LmAgreement.NO_PAIR);
        Arrays.fill(wrong, LmAgreement.NO_PAIR);
        float[][] scores = model.nextTokenLogProbs(prefixes, candidates);
        for (int j = 0; j < at.size(); j++) {
            correct[at.get(j)] = scores[j][0];
            wrong[at.get(j)] = scores[j][1];
        }
        LmAgreement.Result agreement = LmAgreement.compute(usable, correct, wrong);
        return new Row(
                name,
                labels,
                bytesPerPosition,
                shardBytes,
                perplexity.value(),
                agreement.accuracy().micro(),
                agreement.accuracy().items(),
                dev.size() - agreement.accuracy().items(),
                trainSeconds);
    }

    /** One example's labels under {@code scheme}, one row per LM position of the teacher. */
    static SoftLabels labels(String id, float[][] logits, Scheme scheme, int seed) {
        return switch (scheme.kind()) {
            case LM_DENSE -> SoftLabels.dense(id, Arrays.asList(logits));
            case LM_TOPK -> {
                List<TopK> rows = new ArrayList<>(logits.length);
                for (float[] z : logits) {
                    rows.add(TopK.of(z, 1f, scheme.k()));
                }
                yield SoftLabels.topK(id, rows);
            }
            case LM_SAMPLED -> {
                // Seeded per example and teacher seed, as the teacher service seeds its draws.
                Random rng = new Random(id.hashCode() * 31L + seed);
                List<Sampled> rows = new ArrayList<>(logits.length);
                for (float[] z : logits) {
                    rows.add(Sampled.of(z, 1f, scheme.k(), rng));
                }
                yield SoftLabels.sampled(id, rows);
            }
            case CLASSIFICATION -> throw new IllegalArgumentException("not an LM scheme");
        };
    }

    private static List<Example> withSentence(List<Example> examples) {
        return examples.stream()
                .filter(e -> e.sentence() != null && e.sentence().length >= 2)
                .toList();
    }
}
