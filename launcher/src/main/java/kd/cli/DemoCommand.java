package kd.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import kd.common.events.RunExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job: scenario 1 on the built-in generated corpus, end to end, on this machine. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs scenario 1 on the built-in generated corpus: an LSTM teacher; transformer,",
            "transformer-seq and ut-seq students, distilled and as baselines; an lstm baseline;",
            "2 seeds. Starts a Kafka broker, an S3 server and the four services locally, shows",
            "progress, prints the results table, saves the HTML report, and stops everything."
        })
final class DemoCommand implements Callable<Integer> {

    @Mixin StackOptions stack = new StackOptions();

    @Option(
            names = "--command",
            paramLabel = "FILE",
            description = "Run command to use instead of examples/demo.json.")
    Path commandFile;

    @Option(
            names = "--timeout-minutes",
            defaultValue = "60",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Override
    public Integer call() {
        Workspace ws = Workspace.detect();
        Path file = commandFile != null ? commandFile : ws.root().resolve("examples/demo.json");
        String runId =
                "demo-"
                        + LocalDateTime.now()
                                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        RunExperiment command = RunCommands.load(file, stack.roots(), runId);
        LocalRun.execute(
                ws, command, stack, Duration.ofMinutes(timeoutMinutes), Map.of(), System.out);
        return 0;
    }
}
