package kd.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 API server (S3Proxy) over a local folder, in this JVM, on loopback.
 *
 * <p>Each bucket is a sub-folder and each object a file under it, so a test can reach the bytes
 * behind the API.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    private final S3Proxy proxy;
    private final String endpoint;
    private final Path root;

    private EmbeddedS3(S3Proxy proxy, String endpoint, Path root) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.root = root;
    }

    /**
     * Starts a server keeping its objects under {@code root}.
     *
     * @param port the HTTP port, or 0 for any free one
     */
    public static EmbeddedS3 start(Path root, int port, String accessKey, String secretKey) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        int httpPort = port == 0 ? FreePort.find() : port;
        S3Proxy proxy =
                S3Proxy.builder()
                        .blobStore(new FilesystemNio2BlobStore(root.toAbsolutePath().toString()))
                        .endpoint(URI.create("http://127.0.0.1:" + httpPort))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                        .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3 server did not start on port " + httpPort, e);
        }
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        LOG.info(
                "S3 server up on {} (folder {}) in {} ms",
                endpoint,
                root,
                (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedS3(proxy, endpoint, root);
    }

    public String endpoint() {
        return endpoint;
    }

    /** The folder behind the API. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3 server did not stop", e);
        }
        LOG.info("S3 server on {} stopped", endpoint);
    }
}
