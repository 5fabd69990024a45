package kd.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import kd.common.events.DatasetPrepared;
import kd.common.events.ModelEvaluated;
import kd.common.events.PipelineEvent;
import kd.common.events.PipelineFailed;
import kd.common.events.RunAccepted;
import kd.common.events.RunCompleted;
import kd.common.events.SoftLabelsCompleted;
import kd.common.events.StudentTrained;
import kd.common.events.TeacherTrained;
import kd.common.events.Topics;
import kd.common.events.TrainingProgress;
import kd.common.json.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one run on Kafka and tells a person what happens: stage, model, epoch, loss, speed and
 * time left, until the run completes or a stage reports that it failed.
 */
final class RunWatcher implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final PrintStream out;
    private final long started = System.nanoTime();

    RunWatcher(String bootstrapServers, PrintStream out) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "kd-watch-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.consumer.subscribe(
                List.of(
                        Topics.DATASETS,
                        Topics.TEACHERS,
                        Topics.STUDENTS,
                        Topics.EVALUATIONS,
                        Topics.PROGRESS,
                        Topics.ERRORS));
        this.out = out;
    }

    /**
     * Prints the run's events until it completes.
     *
     * @param expectedModels trained models the run will produce, for the count of what is done
     * @throws CliException when a stage fails for this run or the time runs out
     */
    RunCompleted await(String runId, int expectedModels, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int trained = 0;
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                PipelineEvent event;
                try {
                    event = Json.read(record.value(), PipelineEvent.class);
                } catch (RuntimeException e) {
                    continue;
                }
                if (!runId.equals(event.runId())) {
                    continue;
                }
                if (event instanceof TeacherTrained || event instanceof StudentTrained) {
                    trained++;
                }
                String line = describe(event, trained, expectedModels);
                if (line != null) {
                    out.printf("[%s] %s%n", elapsed(), line);
                }
                if (event instanceof PipelineFailed failed) {
                    throw new CliException(
                            "run "
                                    + runId
                                    + " failed in "
                                    + failed.stage()
                                    + ": "
                                    + failed.reason());
                }
                if (event instanceof RunCompleted completed) {
                    return completed;
                }
            }
        }
        throw new CliException(
                "run " + runId + " did not complete within " + timeout.toMinutes() + " min");
    }

    private String elapsed() {
        long s = (System.nanoTime() - started) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    static String describe(PipelineEvent event, int trained, int expected) {
        if (event instanceof RunAccepted) {
            return "prepare   run accepted, preparing the dataset";
        } else if (event instanceof DatasetPrepared d) {
            return String.format(
                    Locale.ROOT,
                    "prepare   dataset %s ready: splits %s, vocabulary %d",
                    d.datasetId().substring(0, 12),
                    d.splits().keySet(),
                    d.vocabularySize());
        } else if (event instanceof TrainingProgress p) {
            return String.format(
                    Locale.ROOT,
                    "%-9s %-28s epoch %d/%d  loss %.4f  %6.0f ex/s  %s",
                    p.stage(),
                    p.model(),
                    p.epoch(),
                    p.epochs(),
                    p.loss(),
                    p.examplesPerSecond(),
                    p.etaSeconds() < 0
                            ? ""
                            : String.format(Locale.ROOT, "~%.0f s left", p.etaSeconds()));
        } else if (event instanceof TeacherTrained t) {
            return String.format(
                    Locale.ROOT,
                    "teacher   %-28s trained in %.0f s on %s (%d/%d models)",
                    t.model().key(),
                    t.summary().wallSeconds(),
                    t.summary().device(),
                    trained,
                    expected);
        } else if (event instanceof StudentTrained s) {
            return String.format(
                    Locale.ROOT,
                    "student   %-28s trained in %.0f s (%d/%d models)",
                    s.model().key(),
                    s.summary().wallSeconds(),
                    trained,
                    expected);
        } else if (event instanceof SoftLabelsCompleted c) {
            return String.format(
                    Locale.ROOT,
                    "labelling %-28s %d shards, %d examples",
                    c.teacher().key(),
                    c.shardCount(),
                    c.exampleCount());
        } else if (event instanceof ModelEvaluated m) {
            return String.format(
                    Locale.ROOT,
                    "evaluate  %-28s %-10s acc %.3f%s",
                    m.model().key(),
                    m.testSet(),
                    m.accuracy().micro(),
                    m.calibration() == null
                            ? ""
                            : String.format(Locale.ROOT, "  ECE %.3f", m.calibration().ece()));
        } else if (event instanceof PipelineFailed f) {
            return "error     " + f.stage() + ": " + f.reason();
        } else if (event instanceof RunCompleted) {
            return "done      every model is evaluated";
        }
        return null;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
