package kd.common.shard;

import kd.common.store.ObjectRef;

/**
 * Where finished shards go; {@code ObjectStore::put} is one.
 *
 * <p>{@code put} returns only once the bytes are stored, with their key, size and SHA-256.
 */
@FunctionalInterface
public interface BlobSink {

    ObjectRef put(String key, byte[] bytes);
}
