package kd.common.store;

/**
 * Where the object store is.
 *
 * @param endpoint S3 API endpoint, for example {@code http://127.0.0.1:9000}
 * @param bucket the pipeline's bucket; created when missing
 */
public record StoreConfig(String endpoint, String accessKey, String secretKey, String bucket) {

    @Override
    public String toString() {
        return "StoreConfig[endpoint=" + endpoint + ", bucket=" + bucket + "]";
    }
}
