package kd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            defaultValue = "8081",
            description =
                    "HTTP port of the first service; the others follow (default: ${DEFAULT-VALUE}).")
    int basePort;

    List<Path> roots() {
        List<Path> roots = dataRoots.isEmpty() ? List.of(Path.of("")) : dataRoots;
        return roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }
}
