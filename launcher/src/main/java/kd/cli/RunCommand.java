package kd.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import kd.common.events.RunCompleted;
import kd.common.events.RunExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs any run command file, on a fresh local stack or on one that is already running. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Validates a run command file and runs it. Without --bootstrap-servers it starts a",
            "local stack and the services (or uses the one 'kd stack up' started) and stops what",
            "it started; with it, it publishes to that broker and follows the run."
        })
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COMMAND.json", description = "The run command.")
    Path file;

    @Mixin StackOptions stack = new StackOptions();

    @Option(names = "--bootstrap-servers", description = "Kafka of an existing stack.")
    String bootstrapServers;

    @Option(
            names = "--store-endpoint",
            description = "S3 endpoint of an existing stack, to fetch the report.")
    String storeEndpoint;

    @Option(names = "--run-id", description = "Override the command's run id.")
    String runId;

    @Option(
            names = "--timeout-minutes",
            defaultValue = "240",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Override
    public Integer call() {
        Workspace ws = Workspace.detect();
        RunExperiment command = RunCommands.load(file, stack.roots(), runId);
        Duration timeout = Duration.ofMinutes(timeoutMinutes);

        String bootstrap = bootstrapServers;
        String endpoint = storeEndpoint;
        if (bootstrap == null) {
            StackState state = StackState.read(ws).orElse(null);
            if (state == null) {
                LocalRun.execute(ws, command, stack, timeout, Map.of(), System.out);
                return 0;
            }
            bootstrap = state.bootstrapServers();
            endpoint = state.storeEndpoint();
        }
        RunCompleted completed = Experiment.runAndWatch(bootstrap, command, timeout, System.out);
        Experiment.printTable(completed, System.out);
        if (endpoint != null) {
            Path report =
                    Experiment.saveReport(
                            endpoint,
                            completed,
                            ws.state().resolve("reports").resolve(command.runId()));
            System.out.println("report: " + report);
        } else {
            System.out.println("report: object " + completed.report().key() + " in the store");
        }
        return 0;
    }
}
