package kd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import kd.common.data.DatasetManifest;
import kd.common.data.PreparedDataset;
import kd.common.events.DatasetPrepared;
import kd.common.events.PipelineEvent;
import kd.common.events.RunAccepted;
import kd.common.events.Topics;
import kd.common.json.Json;
import kd.common.store.ObjectRef;
import kd.common.store.ObjectStore;
import kd.common.store.StoreConfig;
import kd.stack.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The data loader against the broker and object store images the compose file runs: a run command
 * goes in on {@code kd.runs}, the run is accepted, and the prepared dataset lands in MinIO.
 *
 * <p>Needs a Docker engine (skipped without one) and the built data loader ({@code mvn -B -pl
 * launcher -am verify} packages it before this module's tests run).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersRoundTripTest {

    // Throw-away account of the test's own MinIO container.
    private static final String STORE_USER = "kd-roundtrip";
    private static final String STORE_PASSWORD = "kd-roundtrip-password";
    private static final String BUCKET = "kd-roundtrip";

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(DeploymentFiles.image("kafka"));

    @Container
    static final MinIOContainer MINIO =
            new MinIOContainer(DeploymentFiles.image("minio"))
                    .withUserName(STORE_USER)
                    .withPassword(STORE_PASSWORD);

    @TempDir Path tmp;

    @Test
    void dataLoaderAcceptsARunAndStoresItsDataset() throws Exception {
        Path jar = DeploymentFiles.repo().resolve("data-loader/target/quarkus-app/quarkus-run.jar");
        assertTrue(
                Files.isRegularFile(jar),
                jar
                        + " is missing: package the data loader first (mvn -B -pl launcher -am verify)");
        String bootstrap = KAFKA.getBootstrapServers();
        StackProcesses.createTopics(bootstrap);
        Path log = tmp.resolve("data-loader.log");
        int port = freePort();
        Process loader = startLoader(jar, bootstrap, port, log);
        try {
            awaitReady(loader, port, log);
            String runId = "roundtrip-" + UUID.randomUUID().toString().substring(0, 8);
            try (TopicProbe probe =
                    new TopicProbe(bootstrap, List.of(Topics.PROGRESS, Topics.DATASETS))) {
                probe.send(Topics.RUNS, runId, runCommand(runId));

                List<ConsumerRecord<String, String>> accepted =
                        probe.await(event(RunAccepted.class, runId), 1, Duration.ofMinutes(2));
                assertEquals(1, accepted.size(), "no RunAccepted for " + runId + "\n" + tail(log));
                RunAccepted a = (RunAccepted) parse(accepted.get(0));
                assertEquals(runId, a.command().runId());

                List<ConsumerRecord<String, String>> prepared =
                        probe.await(event(DatasetPrepared.class, runId), 1, Duration.ofMinutes(3));
                assertEquals(
                        1, prepared.size(), "no DatasetPrepared for " + runId + "\n" + tail(log));
                DatasetPrepared dataset = (DatasetPrepared) parse(prepared.get(0));

                try (ObjectStore store =
                        new ObjectStore(
                                new StoreConfig(
                                        MINIO.getS3URL(), STORE_USER, STORE_PASSWORD, BUCKET))) {
                    ObjectRef train = dataset.splits().get(PreparedDataset.TRAIN);
                    assertEquals(Optional.of(train), store.find(train.key()));
                    // get checks the bytes against the ref's size and SHA-256.
                    assertEquals(train.size(), store.get(train).length);

                    DatasetManifest manifest =
                            Json.read(store.get(dataset.manifest()), DatasetManifest.class);
                    assertEquals(dataset.datasetId(), manifest.datasetId());
                    // 200 generated items cut 0.5 / 0.25 / 0.25: ⌊200·0.5⌋ = 100 train,
                    // ⌊200·0.25⌋ = 50 validation, and the test split takes the other 50.
                    assertEquals(100, items(manifest, PreparedDataset.TRAIN));
                    assertEquals(50, items(manifest, PreparedDataset.VALIDATION));
                    assertEquals(50, items(manifest, PreparedDataset.TEST));
                }
            }
        } finally {
            loader.destroy();
            Processes.stop(loader.toHandle(), 20);
        }
    }

    /** A tiny generated run; no teacher or student runs here, so only its dataset matters. */
    private static String runCommand(String runId) {
        return """
                {
                  "runId": "%s",
                  "setup": "classification",
                  "dataset": {
                    "format": "generated",
                    "seed": 11,
                    "split": [0.5, 0.25, 0.25],
                    "generator": {"items": 200, "maxAttractors": 2, "maxDistance": 12}
                  },
                  "teachers": [{"model": "lstm", "preset": "demo"}],
                  "students": [{"model": "transformer", "preset": "demo", "modes": ["distilled"]}],
                  "distillation": {"temperature": 1.0, "ratio": 1.0},
                  "training": {"epochs": 1, "batchSize": 32, "learningRate": 0.002},
                  "seeds": [1]
                }
                """
                .formatted(runId);
    }

    private static Process startLoader(Path jar, String bootstrap, int port, Path log)
            throws IOException {
        Path dataRoot = Files.createDirectories(log.resolveSibling("data"));
        ProcessBuilder builder =
                new ProcessBuilder(
                                Processes.java(),
                                "-Xmx1g",
                                "-Dai.djl.offline=true",
                                "-Dquarkus.http.host=127.0.0.1",
                                "-Dquarkus.http.port=" + port,
                                "-Dkafka.bootstrap.servers=" + bootstrap,
                                "-Dkd.store.endpoint=" + MINIO.getS3URL(),
                                "-Dkd.store.bucket=" + BUCKET,
                                "-Dkd.data.roots=" + dataRoot,
                                "-jar",
                                jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KD_STORE_ACCESS_KEY", STORE_USER);
        env.put("KD_STORE_SECRET_KEY", STORE_PASSWORD);
        return builder.start();
    }

    private static void awaitReady(Process loader, int port, Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!ServiceProcesses.ready(http, "http://127.0.0.1:" + port)) {
            assertTrue(loader.isAlive(), "the data loader exited\n" + tail(log));
            assertTrue(System.nanoTime() < deadline, "the data loader is not ready\n" + tail(log));
            Processes.sleep(250);
        }
    }

    private static Predicate<ConsumerRecord<String, String>> event(
            Class<? extends PipelineEvent> type, String runId) {
        return r -> {
            PipelineEvent e = parse(r);
            return type.isInstance(e) && runId.equals(e.runId());
        };
    }

    private static PipelineEvent parse(ConsumerRecord<String, String> record) {
        return Json.read(record.value(), PipelineEvent.class);
    }

    private static int items(DatasetManifest manifest, String split) {
        return manifest.counts().get(split).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
