package kd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kd.common.events.Topics;
import kd.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Kafka broker and the S3 server as processes of their own, started from the launcher's own
 * class path ({@code kd.stack.StackMain}).
 */
final class StackProcesses {

    private StackProcesses() {}

    record Started(Process kafka, Process s3, String bootstrapServers, String s3Endpoint) {}

    static Started start(Workspace ws, Path dir) {
        Process s3 =
                launch(
                        ws,
                        "s3",
                        dir.resolve("s3"),
                        List.of("0", LocalStack.ACCESS_KEY, LocalStack.SECRET_KEY));
        Process kafka;
        String endpoint;
        String bootstrap;
        try {
            endpoint = awaitAddress(dir.resolve("s3"), s3, Duration.ofSeconds(60));
            kafka = launch(ws, "kafka", dir.resolve("kafka"), List.of("0"));
            bootstrap = awaitAddress(dir.resolve("kafka"), kafka, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            s3.destroy();
            throw e;
        }
        createTopics(bootstrap);
        return new Started(kafka, s3, bootstrap, endpoint);
    }

    /** Creates every topic of the pipeline up front, three partitions each. */
    static void createTopics(String bootstrapServers) {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    Topics.ALL.stream()
                            .filter(t -> !existing.contains(t))
                            .map(t -> new NewTopic(t, 3, (short) 1))
                            .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new CliException(
                    "cannot create the topics on " + bootstrapServers + ": " + e.getMessage());
        }
    }

    private static Process launch(Workspace ws, String server, Path dir, List<String> args) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("address"));
            Files.createDirectories(ws.logs());
            List<String> command = new ArrayList<>();
            command.add(Processes.java());
            command.add("-Xmx1g");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("kd.stack.StackMain");
            command.add(server);
            command.add(dir.toString());
            command.addAll(args);
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ws.logs().resolve(server + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + server + " server", e);
        }
    }

    private static String awaitAddress(Path dir, Process process, Duration timeout) {
        Path file = dir.resolve("address");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (!process.isAlive()) {
                throw new CliException(
                        "the server in "
                                + dir
                                + " exited with "
                                + process.exitValue()
                                + "; see its log under .kd/logs/");
            }
            Processes.sleep(100);
        }
        throw new CliException(
                "the server in " + dir + " did not start within " + timeout.toSeconds() + " s");
    }
}
