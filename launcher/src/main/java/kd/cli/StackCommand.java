package kd.cli;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** A long-lived local stack: broker, S3 server and the four services, until stopped. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = {
            "up: starts a Kafka broker, an S3 server and the four services in the background and",
            "    prints their addresses; publish run commands to them with kcat, curl or 'kd run'.",
            "down: stops what 'up' started. status: shows it."
        })
final class StackCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "up|down|status", description = "What to do.")
    String action;

    @Mixin StackOptions stack = new StackOptions();

    @Override
    public Integer call() {
        Workspace ws = Workspace.detect();
        switch (action) {
            case "up" -> up(ws);
            case "down" -> down(ws);
            case "status" -> status(ws);
            default ->
                    throw new CliException(
                            "unknown stack action '" + action + "': up, down or status");
        }
        return 0;
    }

    private void up(Workspace ws) {
        if (StackState.read(ws).isPresent()) {
            throw new CliException(
                    "a stack is already up (see 'kd stack status'); 'kd stack down' first");
        }
        ws.requireBuilt(ServiceProcesses.SERVICES);
        StackProcesses.Started s = StackProcesses.start(ws, ws.state().resolve("stack"));
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("kafka", s.kafka().pid());
        pids.put("s3", s.s3().pid());
        Map<String, Integer> ports = stack.ports(8081);
        // Recorded before the services are waited on, so that 'down' can stop a half-started stack.
        new StackState(s.bootstrapServers(), s.s3Endpoint(), pids, ports).write(ws);
        ServiceProcesses.Started services =
                ServiceProcesses.start(
                        ws, s.bootstrapServers(), s.s3Endpoint(), stack.roots(), ports, Map.of());
        services.processes().forEach((name, p) -> pids.put(name, p.pid()));
        new StackState(s.bootstrapServers(), s.s3Endpoint(), pids, ports).write(ws);
        status(ws);
    }

    private static void down(Workspace ws) {
        StackState state =
                StackState.read(ws).orElseThrow(() -> new CliException("no stack is up"));
        String[] order = {
            "evaluator-service", "student-service", "teacher-service", "data-loader", "kafka", "s3"
        };
        for (String part : order) {
            Long pid = state.pids().get(part);
            if (pid != null) {
                ProcessHandle.of(pid).ifPresent(p -> Processes.stop(p, 20));
                System.out.println("stopped " + part);
            }
        }
        try {
            Files.delete(StackState.file(ws));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void status(Workspace ws) {
        StackState state =
                StackState.read(ws).orElseThrow(() -> new CliException("no stack is up"));
        System.out.println("kafka bootstrap servers: " + state.bootstrapServers());
        System.out.println("object store endpoint:   " + state.storeEndpoint());
        state.ports()
                .forEach(
                        (service, port) ->
                                System.out.printf(
                                        "%-18s http://127.0.0.1:%d (health /q/health, metrics /q/metrics) %s%n",
                                        service,
                                        port,
                                        ProcessHandle.of(state.pids().getOrDefault(service, -1L))
                                                        .map(ProcessHandle::isAlive)
                                                        .orElse(false)
                                                ? "up"
                                                : "down"));
    }
}
