/**
 * The soft-label shard: how a teacher's outputs leave the teacher.
 *
 * <p>A teacher runs over the transfer set and writes its outputs as shards to the object store
 * ({@link kd.common.shard.ShardWriter}); each shard is announced only after it is complete in the
 * store, and a student reads and checks it ({@link kd.common.shard.ShardReader}). The byte layout
 * is defined in {@link kd.common.shard.ShardCodec}.
 *
 * <p>Shards hold raw logits, never probabilities, so a student can apply its own temperature. The
 * sparse LM kinds are the exception where they must be: the top-k tail mass and the sampled
 * probabilities are computed at the temperature recorded in the header.
 */
package kd.common.shard;
