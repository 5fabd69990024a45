package kd.common.events;

import java.util.List;
import kd.common.store.ObjectRef;

/**
 * A teacher has published all its shards.
 *
 * @param shards every shard, in index order
 * @param shardExampleCounts examples in each shard, in index order
 * @param shardListSha256 SHA-256 over the shards' hashes joined by newlines, in index order
 * @param exampleCount examples over all shards
 */
public record SoftLabelsCompleted(
        EventMeta meta,
        ModelId teacher,
        String datasetId,
        int shardCount,
        List<ObjectRef> shards,
        List<Integer> shardExampleCounts,
        String shardListSha256,
        long exampleCount)
        implements PipelineEvent {}
