package kd.student;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.events.DatasetPrepared;
import kd.common.events.EventMeta;
import kd.common.events.ModelId;
import kd.common.events.RunExperiment;
import kd.common.events.RunExperiment.ModelSpec;
import kd.common.events.RunExperiment.StudentSpec;
import kd.common.events.SoftLabelsCompleted;
import kd.common.events.StudentTrained;
import kd.common.shard.ShardRejectedException;
import kd.common.shard.SoftLabelShard;
import kd.common.shard.SoftTargetsJoin;
import kd.common.store.ObjectStore;
import kd.common.train.SoftTargets;
import kd.support.DatasetCache;
import kd.support.ErrorReporter;
import kd.support.EventPublisher;
import kd.support.Inbox;
import kd.support.training.ModelTraining;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a run's students: baselines on gold labels, distilled students on a teacher's soft labels
 * read back from the store. At most {@code kd.student.concurrency} students train at once in one
 * replica; a student whose {@code trained.json} exists is never trained again.
 */
@ApplicationScoped
public class StudentRun {

    private static final Logger LOG = LoggerFactory.getLogger(StudentRun.class);

    @Inject ObjectStore store;
    @Inject DatasetCache datasets;
    @Inject ModelTraining training;
    @Inject ShardCheck shards;
    @Inject EventPublisher publisher;
    @Inject ErrorReporter errors;

    private final ExecutorService pool;

    @Inject
    public StudentRun(@ConfigProperty(name = "kd.student.concurrency") int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("kd.student.concurrency must be at least 1");
        }
        this.pool = Executors.newFixedThreadPool(concurrency);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    public void trainBaselines(DatasetPrepared prepared) {
        RunExperiment command = prepared.command();
        List<Runnable> jobs = new ArrayList<>();
        for (StudentSpec student : command.students()) {
            if (!student.modes().contains("baseline")) {
                continue;
            }
            for (int seed : command.seeds()) {
                ModelId id = ModelId.student(student.model(), seed, null);
                jobs.add(() -> trainOne(prepared, student, id, null));
            }
        }
        runAll(command.runId(), jobs);
    }

    public void trainDistilled(SoftLabelsCompleted labels) {
        DatasetPrepared prepared = datasets.prepared(labels.runId());
        RunExperiment command = prepared.command();
        int seed = labels.teacher().seed();
        List<StudentSpec> distilled =
                command.students().stream().filter(s -> s.modes().contains("distilled")).toList();
        if (distilled.isEmpty() || !command.seeds().contains(seed)) {
            return;
        }
        SoftTargets targets;
        try {
            targets = softTargets(prepared, labels);
        } catch (ShardRejectedException e) {
            errors.report(
                    labels.runId(),
                    "student-service/labels",
                    "students of teacher "
                            + labels.teacher().key()
                            + " not trained: "
                            + e.getMessage(),
                    null);
            return;
        }
        List<Runnable> jobs = new ArrayList<>();
        for (StudentSpec student : distilled) {
            ModelId id = ModelId.student(student.model(), seed, labels.teacher().model());
            jobs.add(() -> trainOne(prepared, student, id, targets));
        }
        runAll(command.runId(), jobs);
    }

    /** Joins every shard to the dataset by example id; the transfer set must be fully covered. */
    SoftTargets softTargets(DatasetPrepared prepared, SoftLabelsCompleted labels) {
        List<SoftLabelShard> read = new ArrayList<>();
        for (int i = 0; i < labels.shards().size(); i++) {
            read.add(
                    shards.read(
                            prepared, labels.shards().get(i), labels.shardExampleCounts().get(i)));
        }
        SoftTargets targets = SoftTargetsJoin.join(read);
        PreparedDataset data = datasets.get(prepared);
        List<Example> train = data.splits().get(PreparedDataset.TRAIN);
        long covered =
                train.stream()
                        .filter(
                                e ->
                                        targets.classification().containsKey(e.id())
                                                || targets.lm().containsKey(e.id()))
                        .count();
        if (covered != train.size()) {
            throw new ShardRejectedException(
                    labels.shards().isEmpty() ? "(no shards)" : labels.shards().get(0).key(),
                    "soft labels cover " + covered + " of " + train.size() + " training items");
        }
        return targets;
    }

    private void trainOne(
            DatasetPrepared prepared, StudentSpec student, ModelId id, SoftTargets targets) {
        String runId = prepared.runId();
        String done = ModelTraining.modelKey(runId, id, "trained.json");
        if (store.exists(done)) {
            LOG.info("run {}: student {} already trained; skipped", runId, id.key());
            return;
        }
        ModelSpec spec = new ModelSpec(student.model(), student.preset(), student.overrides());
        PreparedDataset data = datasets.get(prepared);
        ModelTraining.Outcome outcome =
                training.train("student", prepared.command(), id, spec, data, targets);
        publisher.publish(
                new StudentTrained(
                        EventMeta.of(runId, runId + "." + id.key() + ".trained"),
                        id,
                        prepared.datasetId(),
                        outcome.checkpoint(),
                        outcome.summary()));
        store.put(done, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
    }

    private void runAll(String runId, List<Runnable> jobs) {
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable job : jobs) {
            futures.add(pool.submit(job));
        }
        Map<Integer, String> failures = new HashMap<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
            } catch (ExecutionException e) {
                LOG.error("run {}: a student failed", runId, e.getCause());
                failures.put(i, Inbox.rootMessage(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while students train", e);
            }
        }
        failures.values()
                .forEach(reason -> errors.report(runId, "student-service/train", reason, null));
    }
}
