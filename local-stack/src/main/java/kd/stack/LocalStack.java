package kd.stack;

import java.nio.file.Path;

/**
 * A Kafka broker and an S3 server side by side, in this JVM: what a pipeline test needs.
 *
 * <p>Both keep their data under one folder; closing stops the broker, then the S3 server.
 */
public final class LocalStack implements AutoCloseable {

    public static final String ACCESS_KEY = "kd-local";
    public static final String SECRET_KEY = "kd-local-secret";
    public static final String BUCKET = "kd-pipeline";

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;

    private LocalStack(EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.kafka = kafka;
        this.s3 = s3;
    }

    public static LocalStack start(Path dir) {
        EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0, ACCESS_KEY, SECRET_KEY);
        try {
            return new LocalStack(EmbeddedKafka.start(dir.resolve("kafka"), 0), s3);
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    /** Folder holding the objects of {@code bucket}. */
    public Path bucketFolder(String bucket) {
        return s3.root().resolve(bucket);
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            s3.close();
        }
    }
}
