package kd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kd.common.events.RunDefaults;
import kd.common.events.RunExperiment;
import kd.common.events.RunExperiment.DatasetSpec;
import kd.common.events.RunPlan;
import kd.common.events.RunValidator;
import kd.common.json.Json;

/**
 * Reads a run command file and checks it before anything starts: the command's own rules, and that
 * every dataset file exists inside the data roots. Relative dataset paths are resolved against the
 * folder the launcher runs in, so that services in other folders find them.
 */
final class RunCommands {

    private RunCommands() {}

    static RunExperiment load(Path file, List<Path> dataRoots, String runIdOverride) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("run command file " + file + " does not exist");
        }
        RunExperiment command;
        try {
            command = Json.readStrict(Files.readAllBytes(file), RunExperiment.class);
        } catch (IOException | RuntimeException e) {
            throw new CliException(file + " is not a valid run command: " + firstLine(e));
        }
        if (runIdOverride != null) {
            command = withRunId(command, runIdOverride);
        }
        return check(RunDefaults.apply(command), dataRoots);
    }

    static RunExperiment check(RunExperiment full, List<Path> dataRoots) {
        List<String> problems = RunValidator.problems(full);
        if (!problems.isEmpty()) {
            throw new CliException(problems.get(0));
        }
        DatasetSpec d = full.dataset();
        List<String> train = new ArrayList<>();
        for (String f : d.train()) {
            train.add(resolve(f, dataRoots).toString());
        }
        Map<String, String> tests = new LinkedHashMap<>();
        d.testSets().forEach((name, f) -> tests.put(name, resolve(f, dataRoots).toString()));
        DatasetSpec resolved =
                new DatasetSpec(
                        d.format(),
                        train,
                        tests,
                        d.split(),
                        d.seed(),
                        d.vocabularySize(),
                        d.maxItems(),
                        d.generator());
        return new RunExperiment(
                full.schemaVersion(),
                full.runId(),
                full.setup(),
                resolved,
                full.teachers(),
                full.students(),
                full.distillation(),
                full.training(),
                full.seeds(),
                full.evaluation());
    }

    static RunExperiment withRunId(RunExperiment c, String runId) {
        return new RunExperiment(
                c.schemaVersion(),
                runId,
                c.setup(),
                c.dataset(),
                c.teachers(),
                c.students(),
                c.distillation(),
                c.training(),
                c.seeds(),
                c.evaluation());
    }

    /** Trained models a run produces: teachers and students, per seed. */
    static int expectedModels(RunExperiment c) {
        return RunPlan.models(c).size();
    }

    private static Path resolve(String file, List<Path> dataRoots) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new CliException("dataset file " + file + " does not exist");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new CliException("dataset file " + file + " cannot be read: " + e.getMessage());
        }
        for (Path root : dataRoots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return path;
                }
            } catch (IOException e) {
                // A root that does not exist holds nothing.
            }
        }
        throw new CliException(
                "dataset file "
                        + file
                        + " is outside the data roots "
                        + dataRoots
                        + " (see --data-root)");
    }

    private static String firstLine(Exception e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
