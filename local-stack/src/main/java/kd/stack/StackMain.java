package kd.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Kafka broker or the S3 server as a process of its own, until it is told to stop.
 *
 * <pre>
 * java -cp ... kd.stack.StackMain kafka &lt;dir&gt; &lt;port&gt;
 * java -cp ... kd.stack.StackMain s3 &lt;dir&gt; &lt;port&gt; &lt;access key&gt; &lt;secret key&gt;
 * </pre>
 *
 * Once serving, it writes the address to {@code <dir>/address} (a launcher waits for that file);
 * SIGTERM stops it cleanly.
 */
public final class StackMain {

    private StackMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: StackMain kafka <dir> <port> | StackMain s3 <dir> <port> <access> <secret>");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        AutoCloseable server;
        String address;
        switch (args[0]) {
            case "kafka" -> {
                EmbeddedKafka kafka = EmbeddedKafka.start(dir, port);
                server = kafka;
                address = kafka.bootstrapServers();
            }
            case "s3" -> {
                if (args.length < 5) {
                    System.err.println("s3 needs an access key and a secret key");
                    System.exit(2);
                }
                EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("objects"), port, args[3], args[4]);
                server = s3;
                address = s3.endpoint();
            }
            default -> {
                System.err.println("unknown server: " + args[0] + " (kafka or s3)");
                System.exit(2);
                return;
            }
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        server.close();
                                    } catch (Exception e) {
                                        System.err.println("stop failed: " + e.getMessage());
                                    }
                                    stopped.countDown();
                                }));
        writeAtomically(dir.resolve("address"), address);
        stopped.await();
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
        Files.move(
                tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
