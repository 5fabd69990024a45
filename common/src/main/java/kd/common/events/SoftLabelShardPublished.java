package kd.common.events;

import kd.common.store.ObjectRef;

/**
 * One shard of a teacher's soft labels is complete in the store.
 *
 * @param shardIndex position of the shard in the teacher's shard list, from 0
 * @param exampleCount examples in the shard
 */
public record SoftLabelShardPublished(
        EventMeta meta,
        ModelId teacher,
        String datasetId,
        int shardIndex,
        ObjectRef shard,
        int exampleCount)
        implements PipelineEvent {}
