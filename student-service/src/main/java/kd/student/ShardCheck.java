package kd.student;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.events.DatasetPrepared;
import kd.common.events.SoftLabelShardPublished;
import kd.common.shard.ShardReader;
import kd.common.shard.ShardRejectedException;
import kd.common.shard.SoftLabelShard;
import kd.common.store.ObjectRef;
import kd.common.store.ObjectStore;
import kd.support.DatasetCache;
import kd.support.ErrorReporter;
import kd.support.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads soft-label shards and checks them against the run's dataset: size, SHA-256 and example
 * count from the announcement; dataset id, vocabulary hash and example ids from the shard. A shard
 * that fails is reported, with its key, and never trained on.
 */
@ApplicationScoped
public class ShardCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCheck.class);

    @Inject ObjectStore store;
    @Inject DatasetCache datasets;
    @Inject ErrorReporter errors;
    @Inject MeterRegistry registry;

    /** Checks a shard as soon as it is announced, so that a bad one is reported early. */
    public void check(SoftLabelShardPublished event) {
        DatasetPrepared prepared = datasets.prepared(event.runId());
        try {
            SoftLabelShard shard = read(prepared, event.shard(), event.exampleCount());
            LOG.info(
                    "run {}: shard {} of {} checked ({} examples)",
                    event.runId(),
                    event.shardIndex(),
                    event.teacher().key(),
                    shard.exampleCount());
        } catch (ShardRejectedException e) {
            // The students of this teacher refuse to start on it later, and say so again.
            errors.report(prepared.runId(), "student-service/shard", e.getMessage(), null);
        }
    }

    /** Reads and checks one shard; a rejected shard is counted and thrown for the caller. */
    public SoftLabelShard read(DatasetPrepared prepared, ObjectRef ref, int exampleCount) {
        PreparedDataset data = datasets.get(prepared);
        ShardReader reader =
                new ShardReader(
                        store::get,
                        prepared.datasetId(),
                        prepared.vocabularyHash(),
                        ids(prepared.datasetId(), data));
        try {
            SoftLabelShard shard = reader.read(ref, exampleCount);
            registry.counter(Metrics.SHARD_BYTES_READ, "run", prepared.runId())
                    .increment(ref.size());
            return shard;
        } catch (ShardRejectedException e) {
            registry.counter(Metrics.SHARDS_REJECTED, "run", prepared.runId()).increment();
            throw e;
        }
    }

    /** Example ids of the most recent dataset, kept so that each shard does not rebuild them. */
    private volatile Map.Entry<String, Set<String>> knownIds = Map.entry("", Set.of());

    private Set<String> ids(String datasetId, PreparedDataset data) {
        Map.Entry<String, Set<String>> known = knownIds;
        if (known.getKey().equals(datasetId)) {
            return known.getValue();
        }
        Set<String> ids = new HashSet<>();
        for (var split : data.splits().values()) {
            for (Example e : split) {
                ids.add(e.id());
            }
        }
        knownIds = Map.entry(datasetId, ids);
        return ids;
    }
}
