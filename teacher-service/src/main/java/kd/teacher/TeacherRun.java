package kd.teacher;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import kd.common.data.PreparedDataset;
import kd.common.events.DatasetPrepared;
import kd.common.events.EventMeta;
import kd.common.events.ModelId;
import kd.common.events.RunExperiment;
import kd.common.events.SoftLabelShardPublished;
import kd.common.events.SoftLabelsCompleted;
import kd.common.events.TeacherTrained;
import kd.common.shard.PublishedShard;
import kd.common.shard.ShardWriter;
import kd.common.shard.TeacherId;
import kd.common.store.ObjectRef;
import kd.common.store.ObjectStore;
import kd.support.DatasetCache;
import kd.support.EventPublisher;
import kd.support.Metrics;
import kd.support.training.ModelTraining;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's teachers: each teacher model and seed is trained, announced, then run over the transfer
 * set in evaluation mode, its logits written shard by shard and each shard announced.
 *
 * <p>A teacher whose labels are complete (its {@code labelled.json} exists) is skipped; one that
 * was interrupted resumes training from its last epoch checkpoint and labels again from the start,
 * producing the same shards under the same event ids.
 */
@ApplicationScoped
public class TeacherRun {

    private static final Logger LOG = LoggerFactory.getLogger(TeacherRun.class);

    @Inject ObjectStore store;
    @Inject DatasetCache datasets;
    @Inject ModelTraining training;
    @Inject Labeller labeller;
    @Inject EventPublisher publisher;
    @Inject MeterRegistry registry;

    public void trainAndLabel(DatasetPrepared prepared) {
        RunExperiment command = prepared.command();
        if (command.teachers().isEmpty()) {
            return;
        }
        PreparedDataset data = datasets.get(prepared);
        for (RunExperiment.ModelSpec spec : command.teachers()) {
            for (int seed : command.seeds()) {
                ModelId id = ModelId.teacher(spec.model(), seed);
                if (store.exists(ModelTraining.modelKey(command.runId(), id, "labelled.json"))) {
                    LOG.info(
                            "run {}: teacher {} already labelled; skipped",
                            command.runId(),
                            id.key());
                    continue;
                }
                teach(prepared, data, spec, id);
            }
        }
    }

    private void teach(
            DatasetPrepared prepared,
            PreparedDataset data,
            RunExperiment.ModelSpec spec,
            ModelId id) {
        RunExperiment command = prepared.command();
        String runId = command.runId();
        ModelTraining.Outcome outcome = training.train("teacher", command, id, spec, data, null);
        publisher.publish(
                new TeacherTrained(
                        EventMeta.of(runId, runId + "." + id.key() + ".trained"),
                        id,
                        prepared.datasetId(),
                        outcome.checkpoint(),
                        outcome.summary()));

        long started = System.nanoTime();
        TeacherId teacher =
                new TeacherId(runId, id.model(), id.seed(), outcome.checkpoint().sha256());
        String split = command.distillation().transferSplit();
        List<PublishedShard> shards =
                labeller.label(
                        command,
                        outcome,
                        prepared,
                        teacher,
                        data.splits().get(split),
                        shard -> announce(prepared, id, shard));
        List<ObjectRef> refs = shards.stream().map(PublishedShard::ref).toList();
        long examples = shards.stream().mapToLong(PublishedShard::exampleCount).sum();
        publisher.publish(
                new SoftLabelsCompleted(
                        EventMeta.of(runId, runId + "." + id.key() + ".labels-complete"),
                        id,
                        prepared.datasetId(),
                        shards.size(),
                        refs,
                        shards.stream().map(PublishedShard::exampleCount).toList(),
                        ShardWriter.shardListSha256(refs),
                        examples));
        store.put(
                ModelTraining.modelKey(runId, id, "labelled.json"),
                Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        LOG.info(
                "run {}: teacher {} labelled {} {} items in {} shards in {} s",
                runId,
                id.key(),
                examples,
                split,
                shards.size(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
    }

    private void announce(DatasetPrepared prepared, ModelId id, PublishedShard shard) {
        String runId = prepared.runId();
        registry.counter(Metrics.SHARD_BYTES_WRITTEN, "run", runId, "model", id.key())
                .increment(shard.ref().size());
        publisher.publish(
                new SoftLabelShardPublished(
                        EventMeta.of(runId, runId + "." + id.key() + ".shard-" + shard.index()),
                        id,
                        prepared.datasetId(),
                        shard.index(),
                        shard.ref(),
                        shard.exampleCount()));
    }
}
