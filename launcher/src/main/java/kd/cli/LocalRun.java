package kd.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import kd.common.events.RunCompleted;
import kd.common.events.RunExperiment;

/**
 * Starts a broker, an S3 server and the four services as processes, runs one command through them,
 * and stops everything it started, whatever happened.
 */
final class LocalRun {

    private LocalRun() {}

    static RunCompleted execute(
            Workspace ws,
            RunExperiment command,
            StackOptions options,
            Duration timeout,
            Map<String, String> serviceProperties,
            PrintStream out) {
        ws.requireBuilt(ServiceProcesses.SERVICES);
        Path dir = ws.state().resolve("runs").resolve(command.runId());
        deleteRecursively(dir);
        long began = System.nanoTime();
        out.println("starting a Kafka broker and an S3 server under " + ws.root().relativize(dir));
        StackProcesses.Started stack = StackProcesses.start(ws, dir);
        List<Process> started = new CopyOnWriteArrayList<>(List.of(stack.s3(), stack.kafka()));
        // Ctrl-C or a plain kill of the launcher must not leave servers behind.
        Thread cleanup = new Thread(() -> stopAll(started), "kd-stop");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            out.printf(
                    "broker %s, store %s; starting the four services%n",
                    stack.bootstrapServers(), stack.s3Endpoint());
            ServiceProcesses.Started services =
                    ServiceProcesses.start(
                            ws,
                            stack.bootstrapServers(),
                            stack.s3Endpoint(),
                            options.roots(),
                            options.ports(null),
                            serviceProperties,
                            started);
            out.printf(
                    "services ready in %.0f s (logs in .kd/logs/)%n",
                    (System.nanoTime() - began) / 1e9);
            RunCompleted completed =
                    Experiment.runAndWatch(stack.bootstrapServers(), command, timeout, out);
            Experiment.printTable(completed, out);
            Path report =
                    Experiment.saveReport(
                            stack.s3Endpoint(),
                            completed,
                            ws.state().resolve("reports").resolve(command.runId()));
            out.println("report: " + report);
            out.printf("finished in %.1f min%n", (System.nanoTime() - began) / 6e10);
            return completed;
        } finally {
            out.println("stopping the services, the broker and the S3 server");
            stopAll(started);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is what stopped them.
            }
        }
    }

    /** Stops processes in the reverse order of their start: services, then broker, then S3. */
    static synchronized void stopAll(List<Process> processes) {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Processes.stop(processes.get(i).toHandle(), 20);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    static List<String> services() {
        return ServiceProcesses.SERVICES;
    }
}
