package kd.loader.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kd.common.data.DatasetCodec;
import kd.common.data.DatasetManifest;
import kd.common.events.DatasetPrepared;
import kd.common.events.PipelineEvent;
import kd.common.events.PipelineFailed;
import kd.common.events.RunAccepted;
import kd.common.events.Topics;
import kd.common.json.Json;
import kd.common.store.ObjectStore;
import kd.stack.LocalStack;
import kd.stack.LocalStackResource;
import kd.stack.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The data-loader against a real Kafka broker and a real S3 server. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RunCommandConsumerTest {

    LocalStack stack;
    @Inject ObjectStore store;

    static final String VALID =
            """
            {"runId": "%s", "teachers": [],
             "students": [{"model": "transformer", "modes": ["baseline"]}],
             "dataset": {"format": "generated", "generator": {"items": %d}}}
            """;

    @Test
    void badCommandsBecomeErrorEventsAndTheNextCommandIsStillProcessed() {
        try (TopicProbe probe =
                new TopicProbe(
                        stack.bootstrapServers(),
                        List.of(Topics.ERRORS, Topics.PROGRESS, Topics.DATASETS))) {
            String malformed = "{\"runId\": \"broken\", \"setup\": ";
            String missingRunId =
                    "{\"setup\": \"classification\", \"students\": [{\"model\": \"lstm\"}]}";
            String escaping = VALID.formatted("../escape", 100);
            String valid = VALID.formatted("accepted-1", 120);

            probe.send(Topics.RUNS, "broken", malformed);
            probe.send(Topics.RUNS, "missing", missingRunId);
            probe.send(Topics.RUNS, "escape", escaping);
            probe.send(Topics.RUNS, "accepted-1", valid);

            List<PipelineFailed> errors =
                    events(
                                    probe.await(
                                            r ->
                                                    r.topic().equals(Topics.ERRORS)
                                                            && "unknown".equals(r.key()),
                                            3,
                                            Duration.ofSeconds(60)))
                            .stream()
                            .map(PipelineFailed.class::cast)
                            .toList();
            assertEquals(3, errors.size());
            assertTrue(
                    errors.get(0).reason().startsWith("malformed run command: "),
                    errors.get(0).reason());
            assertEquals("invalid run command: runId is missing", errors.get(1).reason());
            assertTrue(
                    errors.get(2)
                            .reason()
                            .startsWith("invalid run command: runId '../escape' must be"),
                    errors.get(2).reason());
            for (PipelineFailed e : errors) {
                assertNull(e.runId(), "no usable run id in " + e.reason());
                assertEquals("data-loader/command", e.stage());
            }
            // The offending payloads are kept, byte for byte.
            assertEquals(
                    malformed,
                    new String(store.get(errors.get(0).payload()), StandardCharsets.UTF_8));
            assertEquals(
                    escaping,
                    new String(store.get(errors.get(2).payload()), StandardCharsets.UTF_8));

            List<PipelineEvent> accepted =
                    events(
                            probe.await(
                                    r -> "accepted-1".equals(r.key()), 2, Duration.ofSeconds(60)));
            assertTrue(accepted.get(0) instanceof RunAccepted, accepted.toString());
            DatasetPrepared prepared = (DatasetPrepared) accepted.get(1);
            assertEquals("accepted-1", prepared.runId());
            assertNotNull(store.get(prepared.splits().get("train")));
        }
    }

    @Test
    void theSameCommandTwiceStartsOneRunAndAReusedRunIdIsRefused() {
        try (TopicProbe probe =
                new TopicProbe(stack.bootstrapServers(), List.of(Topics.ERRORS, Topics.PROGRESS))) {
            probe.send(Topics.RUNS, "twice-1", VALID.formatted("twice-1", 80));
            probe.await(r -> "twice-1".equals(r.key()), 1, Duration.ofSeconds(60));
            probe.send(Topics.RUNS, "twice-1", VALID.formatted("twice-1", 80));
            probe.send(Topics.RUNS, "twice-1", VALID.formatted("twice-1", 90));

            List<PipelineEvent> events =
                    events(
                            probe.await(
                                    r ->
                                            "twice-1".equals(r.key())
                                                    && r.topic().equals(Topics.ERRORS),
                                    1,
                                    Duration.ofSeconds(60)));
            assertEquals(
                    "run id twice-1 is already used by a different command",
                    ((PipelineFailed) events.get(0)).reason());
            long acceptances =
                    events(probe.drain(Duration.ofSeconds(2))).stream()
                            .filter(e -> e instanceof RunAccepted && "twice-1".equals(e.runId()))
                            .count();
            assertEquals(1, acceptances);
        }
    }

    @Test
    void theServicePreparesTheRealNumpredFiles() {
        String numpred = System.getProperty("kd.shared.dir") + "/data/agreement/linzen-numpred/";
        String command =
                """
                {"runId": "numpred-1", "teachers": [],
                 "students": [{"model": "lstm", "modes": ["baseline"]}],
                 "dataset": {"format": "numpred", "train": ["%snumpred.val"],
                             "split": [1.0, 0.0, 0.0],
                             "testSets": {"attractors-3": "%snumpred.test.3"}}}
                """
                        .formatted(numpred, numpred);
        try (TopicProbe probe =
                new TopicProbe(stack.bootstrapServers(), List.of(Topics.DATASETS, Topics.ERRORS))) {
            probe.send(Topics.RUNS, "numpred-1", command);

            List<PipelineEvent> events =
                    events(
                            probe.await(
                                    r -> "numpred-1".equals(r.key()), 1, Duration.ofSeconds(60)));
            DatasetPrepared prepared = (DatasetPrepared) events.get(0);
            DatasetManifest manifest = DatasetManifest.fromJson(store.get(prepared.manifest()));

            // SOURCES.md: 15,772 lines, 10,763 VBZ and 5,009 VBP; test.3: 2,051 items, 3
            // attractors.
            assertEquals(
                    Map.of("singular", 10_763, "plural", 5_009), manifest.counts().get("train"));
            assertEquals(Map.of(3, 2_051), manifest.attractors().get("attractors-3"));
            assertEquals(
                    15_772,
                    DatasetCodec.decodeExamples(store.get(prepared.splits().get("train"))).size());
        }
    }

    private static List<PipelineEvent> events(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> Json.read(r.value(), PipelineEvent.class)).toList();
    }
}
