package kd.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code kd.store.*}: where the object store is. Credentials come from the environment. */
@ConfigMapping(prefix = "kd.store")
public interface StoreSettings {

    /** S3 API endpoint, e.g. {@code http://127.0.0.1:9000}. */
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("kd-pipeline")
    String bucket();
}
