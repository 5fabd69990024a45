package kd.common.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's only way to the object store.
 *
 * <p>Every write records the SHA-256 of the bytes in the object's metadata and returns it; every
 * read recomputes it and fails with {@link ChecksumMismatchException} when the bytes differ from
 * what was written or from what the caller's {@link ObjectRef} says. Objects are read whole: a
 * shard of 2 GB needs 2 GB of heap.
 */
public final class ObjectStore implements AutoCloseable {

    private static final String SHA_META = "sha256";

    private final MinioClient client;
    private final String bucket;
    private volatile boolean bucketChecked;

    public ObjectStore(StoreConfig config) {
        this.client =
                MinioClient.builder()
                        .endpoint(config.endpoint())
                        .credentials(config.accessKey(), config.secretKey())
                        .region("us-east-1")
                        .build();
        this.bucket = config.bucket();
    }

    public String bucket() {
        return bucket;
    }

    /** Writes {@code bytes} under {@code key}, replacing what was there. */
    public ObjectRef put(String key, byte[] bytes) {
        ObjectKeys.check(key);
        ensureBucket();
        String sha = Sha256.of(bytes);
        try {
            client.putObject(
                    PutObjectArgs.builder().bucket(bucket).object(key).stream(
                                    new ByteArrayInputStream(bytes), (long) bytes.length, -1L)
                            .userMetadata(Map.of(SHA_META, sha))
                            .contentType("application/octet-stream")
                            .build());
        } catch (Exception e) {
            throw new StoreException("cannot write " + key + ": " + e.getMessage(), e);
        }
        return new ObjectRef(key, bytes.length, sha);
    }

    /** Reads the object a ref points at and checks its size and SHA-256 against the ref. */
    public byte[] get(ObjectRef ref) {
        byte[] bytes = get(ref.key());
        if (bytes.length != ref.size()) {
            throw new ChecksumMismatchException(
                    ref.key(),
                    ref.sha256() + " (" + ref.size() + " bytes)",
                    bytes.length + " bytes");
        }
        String sha = Sha256.of(bytes);
        if (!sha.equals(ref.sha256())) {
            throw new ChecksumMismatchException(ref.key(), ref.sha256(), sha);
        }
        return bytes;
    }

    /** Reads an object and checks it against the SHA-256 recorded when it was written. */
    public byte[] get(String key) {
        ensureBucket();
        String expected = stat(key).orElseThrow(() -> new StoreException("no object " + key));
        byte[] bytes;
        try (InputStream in =
                client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            bytes = in.readAllBytes();
        } catch (Exception e) {
            throw new StoreException("cannot read " + key + ": " + e.getMessage(), e);
        }
        String sha = Sha256.of(bytes);
        if (!sha.equals(expected)) {
            throw new ChecksumMismatchException(key, expected, sha);
        }
        return bytes;
    }

    /** The ref of an existing object, from its recorded metadata, or empty when absent. */
    public Optional<ObjectRef> find(String key) {
        ensureBucket();
        try {
            StatObjectResponse stat =
                    client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            String sha = stat.userMetadata().getFirst(SHA_META);
            return Optional.of(new ObjectRef(key, stat.size(), sha));
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw new StoreException("cannot look up " + key + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new StoreException("cannot look up " + key + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String key) {
        return find(key).isPresent();
    }

    /** Keys under a prefix, in lexicographic order. */
    public List<String> list(String prefix) {
        ensureBucket();
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result :
                    client.listObjects(
                            ListObjectsArgs.builder()
                                    .bucket(bucket)
                                    .prefix(prefix)
                                    .recursive(true)
                                    .build())) {
                keys.add(result.get().objectName());
            }
        } catch (Exception e) {
            throw new StoreException("cannot list " + prefix + ": " + e.getMessage(), e);
        }
        keys.sort(null);
        return keys;
    }

    public void delete(String key) {
        ensureBucket();
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new StoreException("cannot delete " + key + ": " + e.getMessage(), e);
        }
    }

    /** Answers whether the store is reachable and the bucket exists; for readiness checks. */
    public boolean ping() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }

    private Optional<String> stat(String key) {
        return find(key)
                .map(
                        ref -> {
                            if (ref.sha256() == null) {
                                throw new StoreException(
                                        key
                                                + " has no recorded sha256; it was not written by the"
                                                + " pipeline");
                            }
                            return ref.sha256();
                        });
    }

    private void ensureBucket() {
        if (bucketChecked) {
            return;
        }
        synchronized (this) {
            if (bucketChecked) {
                return;
            }
            try {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                }
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                if (!"BucketAlreadyOwnedByYou".equals(code)
                        && !"BucketAlreadyExists".equals(code)) {
                    throw new StoreException(
                            "cannot create bucket " + bucket + ": " + e.getMessage(), e);
                }
            } catch (Exception e) {
                throw new StoreException("cannot reach the object store: " + e.getMessage(), e);
            }
            bucketChecked = true;
        }
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new StoreException("cannot close the store client", e);
        }
    }
}
