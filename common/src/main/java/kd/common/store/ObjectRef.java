package kd.common.store;

/**
 * A pointer to bytes in the object store, with what a reader needs to check them.
 *
 * @param key object key inside the pipeline's bucket
 * @param size length in bytes
 * @param sha256 lower-case hex SHA-256 of the bytes
 */
public record ObjectRef(String key, long size, String sha256) {}
