package kd.common.shard;

import kd.common.store.ObjectRef;

/**
 * A shard that is complete in the store and may be announced.
 *
 * @param index position in the teacher's shard list, from 0
 * @param ref key, size and SHA-256 of the stored bytes
 * @param exampleCount examples in the shard
 */
public record PublishedShard(int index, ObjectRef ref, int exampleCount) {}
