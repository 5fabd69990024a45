package kd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import kd.common.data.DatasetStore;
import kd.common.data.Example;
import kd.common.data.PreparedDataset;
import kd.common.events.DatasetPrepared;
import kd.common.events.EventMeta;
import kd.common.events.ModelEvaluated;
import kd.common.events.ModelId;
import kd.common.events.PipelineEvent;
import kd.common.events.PipelineFailed;
import kd.common.events.RunAccepted;
import kd.common.events.RunCompleted;
import kd.common.events.RunDefaults;
import kd.common.events.RunExperiment;
import kd.common.events.RunPlan;
import kd.common.events.SoftLabelShardPublished;
import kd.common.events.SoftLabelsCompleted;
import kd.common.events.StudentTrained;
import kd.common.events.TeacherTrained;
import kd.common.events.Topics;
import kd.common.json.Json;
import kd.common.model.ModelConfig;
import kd.common.model.TrainedModel;
import kd.common.shard.ShardCodec;
import kd.common.shard.SoftLabelShard;
import kd.common.shard.SoftLabels;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectStore;
import kd.common.store.StoreConfig;
import kd.stack.LocalStack;
import kd.stack.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline as users run it: a Kafka broker and an S3 server as processes, the four
 * services as processes from their built applications, run commands published to the broker, and
 * every check made from outside, through the broker and the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {

    static final Path REPO = Path.of(System.getProperty("kd.repo.dir"));
    static final Path SHARED =
            Path.of(System.getProperty("kd.shared.dir")).toAbsolutePath().normalize();
    static final Path NUMPRED = SHARED.resolve("data/agreement/linzen-numpred");

    final Workspace ws = new Workspace(REPO);
    Path dir;
    StackProcesses.Started stack;
    ServiceProcesses.Settings settings;
    ServiceProcesses.Started services;
    ObjectStore store;
    TopicProbe probe;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kd-e2e-");
        stack = StackProcesses.start(ws, dir);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : ServiceProcesses.SERVICES) {
            ports.put(service, freePort());
        }
        settings =
                new ServiceProcesses.Settings(
                        stack.bootstrapServers(),
                        stack.s3Endpoint(),
                        List.of(SHARED),
                        ports,
                        Map.of("kd.training.progress-seconds", "2"));
        services =
                ServiceProcesses.start(
                        ws,
                        settings.bootstrapServers(),
                        settings.storeEndpoint(),
                        settings.dataRoots(),
                        settings.ports(),
                        settings.extraProperties());
        store =
                new ObjectStore(
                        new StoreConfig(
                                stack.s3Endpoint(),
                                LocalStack.ACCESS_KEY,
                                LocalStack.SECRET_KEY,
                                LocalStack.BUCKET));
        probe = new TopicProbe(stack.bootstrapServers(), Topics.ALL);
    }

    @AfterAll
    void stop() {
        if (probe != null) {
            probe.close();
        }
        if (store != null) {
            store.close();
        }
        if (services != null) {
            ServiceProcesses.stop(services);
        }
        if (stack != null) {
            Processes.stop(stack.kafka().toHandle(), 20);
            Processes.stop(stack.s3().toHandle(), 10);
        }
    }

    static final String GENERATED =
            """
            {"runId": "e2e-generated",
             "dataset": {"format": "generated", "seed": 3, "generator": {"items": 600}},
             "teachers": [{"model": "lstm", "preset": "demo"}],
             "students": [{"model": "transformer", "preset": "demo",
                           "modes": ["distilled", "baseline"]}],
             "distillation": {"shardTargetBytes": 4096},
             "training": {"epochs": 1}, "seeds": [1]}
            """;

    @Test
    @Order(1)
    void aTeacherAndTwoStudentsGoThroughTheBrokerAndTheStore() {
        RunExperiment command = command(GENERATED);
        RunCompleted completed = run(command);
        List<PipelineEvent> events = events("e2e-generated");

        DatasetPrepared prepared = only(events, DatasetPrepared.class);
        PreparedDataset data = new DatasetStore(store).read(prepared);
        List<Example> train = data.splits().get(PreparedDataset.TRAIN);

        // The test's own reader: every training example appears in exactly one shard.
        SoftLabelsCompleted labels = only(events, SoftLabelsCompleted.class);
        assertTrue(labels.shardCount() > 1, "several shards at a 4 KiB target");
        List<SoftLabelShardPublished> announced = all(events, SoftLabelShardPublished.class);
        assertEquals(labels.shardCount(), announced.size());
        Map<String, float[]> stored = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < labels.shardCount(); i++) {
            SoftLabelShard shard = ShardCodec.decode(store.get(labels.shards().get(i)));
            for (SoftLabels l : shard.examples()) {
                ids.add(l.exampleId());
                stored.put(l.exampleId(), l.values());
            }
        }
        assertEquals(train.size(), ids.size());
        assertEquals(
                train.stream().map(Example::id).collect(Collectors.toSet()), new HashSet<>(ids));

        // The stored logits are the teacher checkpoint's logits, recomputed here.
        TeacherTrained teacher = only(events, TeacherTrained.class);
        ModelConfig config =
                Json.read(
                        store.get(
                                ObjectKeys.run(
                                        "e2e-generated",
                                        "models/" + teacher.model().key() + "/config.json")),
                        ModelConfig.class);
        try (TrainedModel model = TrainedModel.load(config, store.get(teacher.checkpoint()))) {
            float[][] logits = model.classificationLogits(train);
            for (int i = 0; i < train.size(); i++) {
                float[] s = stored.get(train.get(i).id());
                assertEquals(logits[i][0], s[0], 1e-5f, train.get(i).id());
                assertEquals(logits[i][1], s[1], 1e-5f, train.get(i).id());
            }
        }

        // Both students trained once, and every model was evaluated on the whole test split.
        assertEquals(
                Set.of("student-transformer-s1", "student-transformer-from-lstm-s1"),
                all(events, StudentTrained.class).stream()
                        .map(s -> s.model().key())
                        .collect(Collectors.toSet()));
        int testItems = data.splits().get(PreparedDataset.TEST).size();
        for (ModelId model : RunPlan.models(command)) {
            ModelEvaluated e =
                    all(events, ModelEvaluated.class).stream()
                            .filter(m -> m.model().equals(model) && m.testSet().equals("test"))
                            .findFirst()
                            .orElseThrow(
                                    () -> new AssertionError("no evaluation of " + model.key()));
            assertEquals(testItems, e.accuracy().items());
        }
        assertTrue(
                new String(store.get(completed.report()), StandardCharsets.UTF_8)
                        .contains("e2e-generated"));
    }

    @Test
    @Order(2)
    void eventsDeliveredTwiceTrainNothingTwice() {
        int teachers = count("e2e-generated", TeacherTrained.class);
        int students = count("e2e-generated", StudentTrained.class);
        List<ConsumerRecord<String, String>> records = records("e2e-generated");
        for (ConsumerRecord<String, String> r : records) {
            if (r.topic().equals(Topics.DATASETS) || r.topic().equals(Topics.TEACHERS)) {
                probe.send(r.topic(), r.key(), r.value());
            }
        }
        probe.send(Topics.RUNS, "e2e-generated", Json.write(command(GENERATED)));

        probe.drain(Duration.ofSeconds(15));
        // Records counted as sent, not by event id: a second training would send its event again.
        assertEquals(1, count("e2e-generated", RunAccepted.class));
        assertEquals(2 * teachers, count("e2e-generated", TeacherTrained.class));
        assertEquals(students, count("e2e-generated", StudentTrained.class));
        assertEquals(2, students);
        assertEquals(1, count("e2e-generated", RunCompleted.class));
        assertEquals(0, count("e2e-generated", PipelineFailed.class));
    }

    @Test
    @Order(3)
    void aCorruptedShardIsReportedByNameAndNeverUsed() throws IOException {
        List<PipelineEvent> before = events("e2e-generated");
        SoftLabelsCompleted labels = only(before, SoftLabelsCompleted.class);
        String key = labels.shards().get(0).key();
        Path file = dir.resolve("s3/objects").resolve(LocalStack.BUCKET).resolve(key);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(file, bytes);

        // The same facts under new event ids, as a second teacher replica might send them.
        SoftLabelShardPublished shard = all(before, SoftLabelShardPublished.class).get(0);
        probe.send(
                Topics.TEACHERS,
                "e2e-generated",
                Json.write(
                        new SoftLabelShardPublished(
                                fresh(),
                                shard.teacher(),
                                shard.datasetId(),
                                shard.shardIndex(),
                                shard.shard(),
                                shard.exampleCount())));
        probe.send(
                Topics.TEACHERS,
                "e2e-generated",
                Json.write(
                        new SoftLabelsCompleted(
                                fresh(),
                                labels.teacher(),
                                labels.datasetId(),
                                labels.shardCount(),
                                labels.shards(),
                                labels.shardExampleCounts(),
                                labels.shardListSha256(),
                                labels.exampleCount())));

        List<PipelineFailed> failures =
                probe
                        .await(
                                isFailure("e2e-generated", "shard " + key + " rejected"),
                                2,
                                Duration.ofSeconds(60))
                        .stream()
                        .map(r -> (PipelineFailed) Json.read(r.value(), PipelineEvent.class))
                        .toList();
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(
                failures.get(0).reason().contains("checksum mismatch"), failures.get(0).reason());
        assertEquals(
                Set.of("student-service/shard", "student-service/labels"),
                failures.stream().map(PipelineFailed::stage).collect(Collectors.toSet()));
        assertEquals(2, count("e2e-generated", StudentTrained.class));
    }

    @Test
    @Order(6)
    void aReducedNumpredRunCompletesThoughItsStudentServiceIsKilled() throws Exception {
        String json =
                """
                {"runId": "e2e-numpred",
                 "dataset": {"format": "numpred", "train": ["%s"], "maxItems": 6000,
                             "split": [0.8, 0.1, 0.1],
                             "testSets": {"numpred.test.3": "%s", "numpred.test.4": "%s"}},
                 "teachers": [{"model": "lstm", "preset": "demo"}],
                 "students": [{"model": "transformer-seq", "preset": "demo",
                               "modes": ["distilled", "baseline"]}],
                 "training": {"epochs": 3}, "seeds": [1]}
                """
                        .formatted(
                                NUMPRED.resolve("numpred.val"),
                                NUMPRED.resolve("numpred.test.3"),
                                NUMPRED.resolve("numpred.test.4"));
        RunExperiment command = command(json);
        probe.send(Topics.RUNS, command.runId(), Json.write(command));

        // Kill -9 the student service once its baseline has finished an epoch.
        String checkpoint =
                ObjectKeys.run("e2e-numpred", "checkpoints/student-transformer-seq-s1/last-epoch");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!store.exists(checkpoint)) {
            assertTrue(System.nanoTime() < deadline, "the student never checkpointed");
            Thread.sleep(50);
        }
        Process student = services.processes().get("student-service");
        student.destroyForcibly().waitFor();
        Process restarted = ServiceProcesses.launch(ws, "student-service", settings, true);
        services.processes().put("student-service", restarted);
        ServiceProcesses.awaitReady(services, Duration.ofSeconds(120));

        List<ConsumerRecord<String, String>> done =
                probe.await(
                        r ->
                                "e2e-numpred".equals(r.key())
                                        && r.value().contains("\"RunCompleted\""),
                        1,
                        Duration.ofMinutes(10));
        assertEquals(1, done.size(), "RunCompleted for e2e-numpred");
        List<PipelineEvent> events = events("e2e-numpred");
        assertEquals(List.of(), all(events, PipelineFailed.class));

        StudentTrained baseline =
                all(events, StudentTrained.class).stream()
                        .filter(s -> !s.model().distilled())
                        .findFirst()
                        .orElseThrow();
        assertTrue(baseline.summary().resumedFromEpoch() >= 1, baseline.summary().toString());
        assertEquals(3, baseline.summary().epochs());
        String log = Files.readString(ws.logs().resolve("student-service.log"));
        assertTrue(log.contains("resuming transformer-seq from epoch"), "resume log line");

        // Every model has metrics on every test set, over exactly the items of each file.
        int test = 6000 - (int) Math.floor(6000 * 0.8) - (int) Math.floor(6000 * 0.1);
        Map<String, Integer> expected =
                Map.of("test", test, "numpred.test.3", 2051, "numpred.test.4", 561);
        List<ModelEvaluated> evaluations = all(events, ModelEvaluated.class);
        for (ModelId model : RunPlan.models(command)) {
            for (Map.Entry<String, Integer> set : expected.entrySet()) {
                ModelEvaluated e =
                        evaluations.stream()
                                .filter(
                                        m ->
                                                m.model().equals(model)
                                                        && m.testSet().equals(set.getKey()))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                new AssertionError(
                                                        model.key() + " on " + set.getKey()));
                assertEquals(
                        set.getValue(), e.accuracy().items(), model.key() + " " + set.getKey());
                assertTrue(e.calibration().ece() >= 0);
            }
        }
        RunCompleted completed = only(events, RunCompleted.class);
        assertTrue(store.exists(completed.report().key()));

        // The restarted consumer does not handle an event it handled before a second time.
        DatasetPrepared prepared = only(events, DatasetPrepared.class);
        int trained = count("e2e-numpred", StudentTrained.class);
        probe.send(Topics.DATASETS, "e2e-numpred", Json.write(prepared));
        probe.drain(Duration.ofSeconds(10));
        assertEquals(trained, count("e2e-numpred", StudentTrained.class));
    }

    @Test
    @Order(4)
    void aLanguageModelRunDistilsThroughTopKShardsAndScoresMinimalPairs() {
        Path ud = SHARED.resolve("data/agreement/ud-english-ewt");
        Path blimp = SHARED.resolve("data/agreement/blimp");
        String json =
                """
                {"runId": "e2e-lm", "setup": "lm",
                 "dataset": {"format": "conllu", "train": ["%s"], "split": [0.8, 0.2, 0.0],
                             "vocabularySize": 2000,
                             "testSets": {"ewt-test": "%s", "blimp-regular": "%s"}},
                 "teachers": [{"model": "lstm", "preset": "demo"}],
                 "students": [{"model": "transformer", "preset": "demo", "modes": ["distilled"]}],
                 "distillation": {"lmScheme": "topk", "k": 8},
                 "training": {"epochs": 1}, "seeds": [1]}
                """
                        .formatted(
                                ud.resolve("en_ewt-ud-dev.conllu"),
                                ud.resolve("en_ewt-ud-test.conllu"),
                                blimp.resolve("regular_plural_subject_verb_agreement_1.jsonl"));
        RunExperiment command = command(json);
        run(command);
        List<PipelineEvent> events = events("e2e-lm");

        // Top-k shards: 8 ids and 8 logits a position, plus the tail mass.
        SoftLabelsCompleted labels = only(events, SoftLabelsCompleted.class);
        SoftLabelShard shard = ShardCodec.decode(store.get(labels.shards().get(0)));
        assertEquals(kd.common.shard.PayloadKind.LM_TOPK, shard.header().kind());
        assertEquals(8, shard.header().k());

        List<ModelEvaluated> evaluations = all(events, ModelEvaluated.class);
        for (ModelId model : RunPlan.models(command)) {
            ModelEvaluated test =
                    evaluations.stream()
                            .filter(e -> e.model().equals(model) && e.testSet().equals("ewt-test"))
                            .findFirst()
                            .orElseThrow();
            assertTrue(test.perplexity() > 1, "perplexity " + test.perplexity());
            assertEquals(null, test.calibration());
            ModelEvaluated pairs =
                    evaluations.stream()
                            .filter(
                                    e ->
                                            e.model().equals(model)
                                                    && e.testSet().equals("blimp-regular"))
                            .findFirst()
                            .orElseThrow();
            // BLiMP: 1,000 minimal pairs a file.
            assertEquals(1000, pairs.accuracy().items());
        }
    }

    @Test
    @Order(5)
    void everyMetricTheDashboardsQueryIsExposed() throws Exception {
        // The error and rejection counters exist since the corrupted shard, the perplexity gauge
        // since the language model run.
        Set<String> wanted =
                new TreeSet<>(
                        DashboardQueries.metricNames(REPO.resolve("deploy/grafana/dashboards")));
        Set<String> exposed = new HashSet<>();
        HttpClient http = HttpClient.newHttpClient();
        for (String service : ServiceProcesses.SERVICES) {
            String body =
                    http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            services.url(service) + "/q/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            for (String line : body.split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    exposed.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(exposed);
        assertEquals(Set.of(), missing);
    }

    private RunCompleted run(RunExperiment command) {
        return Experiment.runAndWatch(
                stack.bootstrapServers(), command, Duration.ofMinutes(10), System.out);
    }

    private static RunExperiment command(String json) {
        return RunDefaults.apply(Json.read(json, RunExperiment.class));
    }

    private static EventMeta fresh() {
        return EventMeta.of("e2e-generated", UUID.randomUUID().toString());
    }

    private List<ConsumerRecord<String, String>> records(String runId) {
        return probe.drain(Duration.ofSeconds(2)).stream()
                .filter(r -> runId.equals(r.key()))
                .toList();
    }

    private List<PipelineEvent> events(String runId) {
        List<PipelineEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records(runId)) {
            if (!r.topic().equals(Topics.RUNS)) {
                events.add(Json.read(r.value(), PipelineEvent.class));
            }
        }
        // Redelivered records are the same events: one per event id.
        Map<String, PipelineEvent> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.meta().eventId(), e));
        return new ArrayList<>(byId.values());
    }

    /** Records of one event type sent for a run, duplicates included. */
    private int count(String runId, Class<? extends PipelineEvent> type) {
        return (int)
                records(runId).stream()
                        .filter(r -> !r.topic().equals(Topics.RUNS))
                        .filter(r -> type.isInstance(Json.read(r.value(), PipelineEvent.class)))
                        .count();
    }

    private static Predicate<ConsumerRecord<String, String>> isFailure(String runId, String text) {
        return r ->
                r.topic().equals(Topics.ERRORS)
                        && runId.equals(r.key())
                        && r.value().contains(text);
    }

    private static <T> List<T> all(List<PipelineEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T> T only(List<PipelineEvent> events, Class<T> type) {
        List<T> found = all(events, type);
        assertEquals(1, found.size(), "one " + type.getSimpleName());
        assertFalse(found.isEmpty());
        return found.get(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
