package kd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kd.common.data.PreparedDataset;
import kd.common.events.RunDefaults;
import kd.common.events.RunExperiment;
import kd.common.events.RunExperiment.DatasetSpec;
import kd.common.events.RunExperiment.GeneratorSpec;
import kd.loader.prep.DatasetFolder;
import kd.loader.prep.PreparationException;
import kd.loader.prep.Preparer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prepares a dataset without Kafka, to look at the data before a long run. */
@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        description = {
            "Reads agreement data the way the data-loader service does and prints the manifest",
            "(counts, histograms, vocabulary size, rejected lines) as JSON on standard output."
        })
final class PrepareCommand implements Callable<Integer> {

    @Option(
            names = "--format",
            defaultValue = "generated",
            description = "generated, numpred, linzen-tsv or conllu (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--input", paramLabel = "FILE", description = "Input file; repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(
            names = "--test-set",
            paramLabel = "NAME=FILE",
            description = "Extra named test set; a .jsonl file is read as minimal pairs.")
    Map<String, String> testSets = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "1", description = "Shuffling and generator seed.")
    int seed;

    @Option(
            names = "--split",
            defaultValue = "0.8,0.1,0.1",
            split = ",",
            description = "Train, validation and test proportions (default: ${DEFAULT-VALUE}).")
    List<Double> split;

    @Option(
            names = "--setup",
            defaultValue = "classification",
            description = "classification or lm.")
    String setup;

    @Option(names = "--vocabulary-size", defaultValue = "10000")
    int vocabularySize;

    @Option(names = "--max-items", description = "Keep at most this many items.")
    Integer maxItems;

    @Option(names = "--items", defaultValue = "3000", description = "Generated sentences.")
    int items;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Also write the prepared dataset here.")
    Path out;

    @Mixin StackOptions stack = new StackOptions();

    @Override
    public Integer call() {
        RunExperiment command =
                RunDefaults.apply(
                        new RunExperiment(
                                null,
                                "prepare",
                                setup,
                                new DatasetSpec(
                                        format,
                                        inputs,
                                        testSets,
                                        split,
                                        seed,
                                        vocabularySize,
                                        maxItems,
                                        new GeneratorSpec(items, null, null)),
                                null,
                                List.of(
                                        new RunExperiment.StudentSpec(
                                                "transformer", null, null, List.of("baseline"))),
                                null,
                                null,
                                null,
                                null));
        RunExperiment checked = RunCommands.check(command, stack.roots());
        PreparedDataset dataset;
        try {
            dataset = new Preparer(stack.roots()).prepare(checked.dataset(), checked.setup());
        } catch (PreparationException e) {
            throw new CliException(e.getMessage());
        }
        System.out.println(
                new String(dataset.manifest().toJson(), java.nio.charset.StandardCharsets.UTF_8));
        if (out != null) {
            DatasetFolder.write(dataset, out);
            System.err.println("prepared dataset written to " + out);
        }
        return 0;
    }
}
