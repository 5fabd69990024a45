package kd.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a {@link LocalStack} for a {@code @QuarkusTest} and points the application at it.
 *
 * <p>Use with {@code @QuarkusTestResource(LocalStackResource.class)}; Quarkus Dev Services stay
 * off.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private LocalStack stack;

    @Override
    public Map<String, String> start() {
        try {
            stack = LocalStack.start(Files.createTempDirectory("kd-stack-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "kafka.bootstrap.servers",
                stack.bootstrapServers(),
                "kd.store.endpoint",
                stack.s3Endpoint(),
                "kd.store.access-key",
                LocalStack.ACCESS_KEY,
                "kd.store.secret-key",
                LocalStack.SECRET_KEY,
                "kd.store.bucket",
                LocalStack.BUCKET,
                "quarkus.kafka.devservices.enabled",
                "false");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stack, new TestInjector.MatchesType(LocalStack.class));
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Folder of the test's bucket, for tests that tamper with stored bytes. */
    public static Path bucketFolder(LocalStack stack) {
        return stack.bucketFolder(LocalStack.BUCKET);
    }
}
