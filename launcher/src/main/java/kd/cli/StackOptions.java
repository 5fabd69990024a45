package kd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that start or reach a stack. */
final class StackOptions {

    @Option(
            names = "--data-root",
            paramLabel = "DIR",
            description =
                    "Folder that dataset files must lie in; repeatable (default: the current folder).")
    List<Path> dataRoots = new ArrayList<>();

    @Option(
            names = "--base-port",
            paramLabel = "PORT",
            description =
                    "HTTP port of the first service; the others follow (default: 8081 for 'stack"
                            + " up', free ports for a run's own stack).")
    Integer basePort;

    /** The services' ports: from {@code --base-port}, else {@code fallback}, else free ones. */
    Map<String, Integer> ports(Integer fallback) {
        Integer base = basePort != null ? basePort : fallback;
        if (base != null) {
            return ServiceProcesses.defaultPorts(base);
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : ServiceProcesses.SERVICES) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports.put(service, socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException("no free port for " + service, e);
            }
        }
        return ports;
    }

    List<Path> roots() {
        List<Path> roots = dataRoots.isEmpty() ? List.of(Path.of("")) : dataRoots;
        return roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }
}
