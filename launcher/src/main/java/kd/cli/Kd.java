package kd.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kd} command line: runs experiments on a local or existing stack. */
@Command(
        name = "kd",
        mixinStandardHelpOptions = true,
        version = "kd 0.1.0",
        description =
                "Knowledge-distillation experiments on inductive bias (LSTM teachers,"
                        + " Transformer students, subject-verb agreement).",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            StackCommand.class,
            PrepareCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Kd implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; a {@link CliException} is one line. */
    static int execute(String... args) {
        CommandLine cli = new CommandLine(new Kd());
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    PrintWriter err = commandLine.getErr();
                    if (e instanceof CliException) {
                        err.println("kd: " + e.getMessage());
                        return 2;
                    }
                    err.println("kd: " + e);
                    return 1;
                });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            cli.getErr()
                    .println(
                            "kd: out of memory; inputs are read whole, so give the launcher more"
                                    + " heap, e.g. KD_JAVA_OPTS=-Xmx8g ./kd ...");
            cli.getErr().flush();
            return 1;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
