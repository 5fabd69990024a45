package kd.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import kd.common.events.RunCompleted;
import kd.common.events.RunExperiment;
import kd.common.events.Topics;
import kd.common.json.Json;
import kd.common.store.ObjectRef;
import kd.common.store.ObjectStore;
import kd.common.store.StoreConfig;
import kd.stack.LocalStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes one run command, follows it to the end, prints its table and saves its report. */
final class Experiment {

    private Experiment() {}

    static void publish(String bootstrapServers, RunExperiment command) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.RUNS, command.runId(), Json.write(command)))
                    .get();
        } catch (Exception e) {
            throw new CliException(
                    "cannot publish the run command to "
                            + bootstrapServers
                            + ": "
                            + e.getMessage());
        }
    }

    /** Publishes and waits; returns the completed run. */
    static RunCompleted runAndWatch(
            String bootstrapServers, RunExperiment command, Duration timeout, PrintStream out) {
        try (RunWatcher watcher = new RunWatcher(bootstrapServers, out)) {
            publish(bootstrapServers, command);
            out.printf(
                    "run %s published to %s: %d models to train%n",
                    command.runId(), Topics.RUNS, RunCommands.expectedModels(command));
            return watcher.await(command.runId(), RunCommands.expectedModels(command), timeout);
        }
    }

    static void printTable(RunCompleted completed, PrintStream out) {
        out.println();
        out.printf(
                Locale.ROOT,
                "%-32s %-12s %5s  %-15s  %-15s  %-8s%n",
                "model",
                "test set",
                "seeds",
                "accuracy",
                "ECE",
                "A-acc");
        for (RunCompleted.ResultRow row : completed.table()) {
            out.printf(
                    Locale.ROOT,
                    "%-32s %-12s %5d  %-15s  %-15s  %-8s%n",
                    row.variant(),
                    row.testSet(),
                    row.seeds(),
                    String.format(
                            Locale.ROOT, "%.3f ± %.3f", row.accuracyMean(), row.accuracyStd()),
                    row.eceMean() == null
                            ? "-"
                            : String.format(
                                    Locale.ROOT, "%.3f ± %.3f", row.eceMean(), row.eceStd()),
                    row.attractorAccuracyMean() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.3f", row.attractorAccuracyMean()));
        }
        out.println();
    }

    /** Copies the report and its charts out of the store into {@code dir}. */
    static Path saveReport(String storeEndpoint, RunCompleted completed, Path dir) {
        try (ObjectStore store =
                new ObjectStore(
                        new StoreConfig(
                                storeEndpoint, accessKey(), secretKey(), LocalStack.BUCKET))) {
            Files.createDirectories(dir);
            Path report = dir.resolve("report.html");
            Files.write(report, store.get(completed.report()));
            for (Map.Entry<String, ObjectRef> chart : completed.charts().entrySet()) {
                Files.write(dir.resolve(chart.getKey()), store.get(chart.getValue()));
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the report in " + dir, e);
        }
    }

    static String accessKey() {
        return System.getenv().getOrDefault("KD_STORE_ACCESS_KEY", LocalStack.ACCESS_KEY);
    }

    static String secretKey() {
        return System.getenv().getOrDefault("KD_STORE_SECRET_KEY", LocalStack.SECRET_KEY);
    }
}
