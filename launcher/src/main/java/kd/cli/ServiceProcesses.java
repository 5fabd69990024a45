package kd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kd.stack.LocalStack;

/** The four services, each a process of its own running its built Quarkus application. */
final class ServiceProcesses {

    static final List<String> SERVICES =
            List.of("data-loader", "teacher-service", "student-service", "evaluator-service");

    /**
     * @param ports HTTP port of each service
     */
    record Started(Map<String, Process> processes, Map<String, Integer> ports) {

        String url(String service) {
            return "http://127.0.0.1:" + ports.get(service);
        }
    }

    /** PyTorch threads per service process; {@code KD_TORCH_THREADS} overrides it. */
    static final int TORCH_THREADS =
            Integer.parseInt(System.getenv().getOrDefault("KD_TORCH_THREADS", "1"));

    private ServiceProcesses() {}

    static Map<String, Integer> defaultPorts(int base) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            ports.put(SERVICES.get(i), base + i);
        }
        return ports;
    }

    /** Where the services find the broker, the store and the data. */
    record Settings(
            String bootstrapServers,
            String storeEndpoint,
            List<Path> dataRoots,
            Map<String, Integer> ports,
            Map<String, String> extraProperties) {}

    static Started start(
            Workspace ws,
            String bootstrapServers,
            String storeEndpoint,
            List<Path> dataRoots,
            Map<String, Integer> ports,
            Map<String, String> extraProperties) {
        return start(
                ws,
                bootstrapServers,
                storeEndpoint,
                dataRoots,
                ports,
                extraProperties,
                new ArrayList<>());
    }

    /**
     * Starts the four services and waits until each is ready.
     *
     * @param started every process is added here as soon as it exists, so that a caller can stop
     *     them even when waiting fails
     */
    static Started start(
            Workspace ws,
            String bootstrapServers,
            String storeEndpoint,
            List<Path> dataRoots,
            Map<String, Integer> ports,
            Map<String, String> extraProperties,
            List<Process> started) {
        ws.requireBuilt(SERVICES);
        Settings settings =
                new Settings(bootstrapServers, storeEndpoint, dataRoots, ports, extraProperties);
        Map<String, Process> processes = new LinkedHashMap<>();
        try {
            for (String service : SERVICES) {
                Process p = launch(ws, service, settings, false);
                processes.put(service, p);
                started.add(p);
            }
        } catch (RuntimeException e) {
            processes.values().forEach(Process::destroy);
            throw e;
        }
        Started services = new Started(processes, ports);
        awaitReady(services, Duration.ofSeconds(180));
        return services;
    }

    /**
     * Starts one service; its output goes to {@code .kd/logs/<service>.log}, appended to when
     * {@code append} (a restart) and replaced otherwise.
     */
    static Process launch(Workspace ws, String service, Settings settings, boolean append) {
        List<String> command = new ArrayList<>();
        command.add(Processes.java());
        command.add("-Xmx2g");
        command.add("-Dai.djl.offline=true");
        // One PyTorch thread per service: on a small machine several services train at
        // once, and oversubscribed OpenMP threads spin instead of working.
        command.add("-Dai.djl.pytorch.num_threads=" + TORCH_THREADS);
        command.add("-Dai.djl.pytorch.num_interop_threads=1");
        command.add("-Dquarkus.http.port=" + settings.ports().get(service));
        command.add("-Dkafka.bootstrap.servers=" + settings.bootstrapServers());
        command.add("-Dkd.store.endpoint=" + settings.storeEndpoint());
        command.add(
                "-Dkd.data.roots="
                        + settings.dataRoots().stream()
                                .map(Path::toString)
                                .collect(Collectors.joining(",")));
        settings.extraProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(ws.serviceJar(service).toString());
        try {
            Files.createDirectories(ws.logs());
            java.io.File log = ws.logs().resolve(service + ".log").toFile();
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(ws.root().toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    append
                                            ? ProcessBuilder.Redirect.appendTo(log)
                                            : ProcessBuilder.Redirect.to(log));
            Map<String, String> env = builder.environment();
            env.putIfAbsent("KD_STORE_ACCESS_KEY", LocalStack.ACCESS_KEY);
            env.putIfAbsent("KD_STORE_SECRET_KEY", LocalStack.SECRET_KEY);
            env.put("ENGINE_CACHE_DIR", ws.engineCache().toString());
            env.put("OMP_NUM_THREADS", String.valueOf(TORCH_THREADS));
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    static void awaitReady(Started started, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String service : started.processes().keySet()) {
            while (true) {
                Process p = started.processes().get(service);
                if (!p.isAlive()) {
                    throw new CliException(
                            service
                                    + " exited with "
                                    + p.exitValue()
                                    + "; see .kd/logs/"
                                    + service
                                    + ".log");
                }
                if (ready(http, started.url(service))) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new CliException(
                            service + " was not ready within " + timeout.toSeconds() + " s");
                }
                Processes.sleep(250);
            }
        }
    }

    static boolean ready(HttpClient http, String baseUrl) {
        try {
            HttpResponse<Void> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void stop(Started started) {
        // Services first, so that none of them sees the broker vanish mid-run.
        List<Process> reversed = new ArrayList<>(started.processes().values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(Process::destroy);
        for (Process p : reversed) {
            Processes.stop(p.toHandle(), 20);
        }
    }
}
