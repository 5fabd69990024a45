package kd.common.shard;

import kd.common.store.ObjectRef;

/**
 * Where shards are read from; {@code ObjectStore::get} is one.
 *
 * <p>{@code get} returns the bytes only when their size and SHA-256 match the ref, and throws
 * {@link kd.common.store.ChecksumMismatchException} otherwise.
 */
@FunctionalInterface
public interface BlobSource {

    byte[] get(ObjectRef ref);
}
