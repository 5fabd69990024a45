package kd.common.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import kd.common.events.RunExperiment.ModelSpec;
import kd.common.events.RunExperiment.StudentSpec;
import kd.common.model.ModelConfig;
import kd.common.model.Objective;

/**
 * Checks a run command, after {@link RunDefaults}, before any work starts. Each problem is one line
 * a person can act on. Whether dataset files exist is checked where the data roots are known.
 */
public final class RunValidator {

    public static final List<String> MODELS = ModelConfig.MODEL_NAMES;

    public static final List<String> PRESETS = List.of("paper", "demo");
    public static final List<String> SETUPS = List.of("classification", "lm");
    public static final List<String> FORMATS =
            List.of("generated", "numpred", "linzen-tsv", "conllu");

    /** A run cannot be cancelled once it trains, so its budget is bounded up front. */
    public static final int MAX_EPOCHS = 1000;

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,79}");

    private RunValidator() {}

    /** True when {@code runId} can name a run: it becomes part of object keys and metric tags. */
    public static boolean validRunId(String runId) {
        return runId != null && RUN_ID.matcher(runId).matches() && !runId.contains("..");
    }

    public static List<String> problems(RunExperiment c) {
        List<String> p = new ArrayList<>();
        if (c.runId() == null || c.runId().isBlank()) {
            p.add("runId is missing");
        } else if (!validRunId(c.runId())) {
            p.add(
                    "runId '"
                            + c.runId()
                            + "' must be 1-80 letters, digits, '.', '_' or '-', start"
                            + " with a letter or digit, and contain no '..'");
        }
        if (c.schemaVersion() != EventMeta.SCHEMA_VERSION) {
            p.add(
                    "schemaVersion "
                            + c.schemaVersion()
                            + " is not supported (this is "
                            + EventMeta.SCHEMA_VERSION
                            + ")");
        }
        oneOf(p, "setup", c.setup(), SETUPS);

        var d = c.dataset();
        oneOf(p, "dataset.format", d.format(), FORMATS);
        if (!"generated".equals(d.format()) && d.train().isEmpty()) {
            p.add(
                    "dataset.train names no file; format "
                            + d.format()
                            + " reads its items from files");
        }
        List<Double> split = d.split();
        if (split.size() != 3 || split.stream().anyMatch(x -> x == null || x < 0)) {
            p.add("dataset.split must be three non-negative proportions (train, validation, test)");
        } else if (Math.abs(split.get(0) + split.get(1) + split.get(2) - 1.0) > 1e-6) {
            p.add("dataset.split " + split + " must add up to 1");
        } else if (split.get(0) <= 0) {
            p.add("dataset.split gives the training split no items");
        }
        if (d.vocabularySize() < 1) {
            p.add("dataset.vocabularySize must be at least 1, not " + d.vocabularySize());
        }
        if (d.maxItems() != null && d.maxItems() < 1) {
            p.add("dataset.maxItems must be at least 1, not " + d.maxItems());
        }
        var g = d.generator();
        if (g.items() < 1 || g.maxAttractors() < 0 || g.maxDistance() < 1) {
            p.add("dataset.generator needs items >= 1, maxAttractors >= 0 and maxDistance >= 1");
        }
        for (String name : d.testSets().keySet()) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")
                    || name.contains("..")
                    || List.of("train", "validation", "test").contains(name)) {
                p.add("dataset.testSets name '" + name + "' is not allowed");
            }
        }

        if (c.teachers().isEmpty()
                && c.students().stream().anyMatch(s -> s.modes().contains("distilled"))) {
            p.add("a distilled student needs at least one teacher");
        }
        for (ModelSpec t : c.teachers()) {
            model(p, "teachers", t.model(), t.preset(), t.overrides());
        }
        Set<String> seen = new HashSet<>();
        for (ModelSpec t : c.teachers()) {
            if (t.model() != null && !seen.add(t.model())) {
                p.add("teacher " + t.model() + " is named twice");
            }
        }
        if (c.students().isEmpty()) {
            p.add("students is empty: name at least one student model");
        }
        for (StudentSpec s : c.students()) {
            model(p, "students", s.model(), s.preset(), s.overrides());
            if (s.modes().isEmpty()
                    || !s.modes().stream()
                            .allMatch(m -> "distilled".equals(m) || "baseline".equals(m))) {
                p.add(
                        "student "
                                + s.model()
                                + " modes must be 'distilled' and/or 'baseline', not "
                                + s.modes());
            }
        }

        var k = c.distillation();
        if (!(k.temperature() > 0)) {
            p.add("distillation.temperature must be > 0, not " + k.temperature());
        }
        if (!(k.ratio() >= 0 && k.ratio() <= 1)) {
            p.add("distillation.ratio must be within [0, 1], not " + k.ratio());
        }
        oneOf(p, "distillation.lmScheme", k.lmScheme(), List.of("dense", "topk", "sampled"));
        if (k.k() < 1) {
            p.add("distillation.k must be at least 1, not " + k.k());
        }
        if (k.shardTargetBytes() < 1024) {
            p.add(
                    "distillation.shardTargetBytes must be at least 1024, not "
                            + k.shardTargetBytes());
        }
        oneOf(
                p,
                "distillation.transferSplit",
                k.transferSplit(),
                List.of("train", "validation", "test"));

        var t = c.training();
        if (t.epochs() < 1 || t.epochs() > MAX_EPOCHS) {
            p.add("training.epochs must be within 1.." + MAX_EPOCHS + ", not " + t.epochs());
        }
        if (t.batchSize() < 1) {
            p.add("training.batchSize must be at least 1, not " + t.batchSize());
        }
        if (!(t.learningRate() > 0)) {
            p.add("training.learningRate must be > 0, not " + t.learningRate());
        }
        if (t.warmupSteps() < 0) {
            p.add("training.warmupSteps must be >= 0, not " + t.warmupSteps());
        }
        if (!(t.decayRate() > 0 && t.decayRate() <= 1)) {
            p.add("training.decayRate must be within (0, 1], not " + t.decayRate());
        }
        if (!(t.clipNorm() > 0)) {
            p.add("training.clipNorm must be > 0, not " + t.clipNorm());
        }
        if (t.patience() < 1) {
            p.add("training.patience must be at least 1, not " + t.patience());
        }
        oneOf(p, "training.device", t.device(), List.of("auto", "cpu", "gpu"));

        if (c.seeds().isEmpty()) {
            p.add("seeds is empty: give at least one seed");
        } else if (c.seeds().stream().anyMatch(Objects::isNull)
                || new HashSet<>(c.seeds()).size() != c.seeds().size()) {
            p.add("seeds " + c.seeds() + " must be distinct numbers");
        }

        var e = c.evaluation();
        if (e.eceBins() < 1) {
            p.add("evaluation.eceBins must be at least 1, not " + e.eceBins());
        }
        oneOf(p, "evaluation.eceScheme", e.eceScheme(), List.of("equal-width", "equal-mass"));
        oneOf(p, "evaluation.eceNorm", e.eceNorm(), List.of("l1", "l2", "max"));
        oneOf(p, "evaluation.eceScope", e.eceScope(), List.of("top-label", "positive-class"));
        if (e.similarityItems() < 2) {
            p.add("evaluation.similarityItems must be at least 2, not " + e.similarityItems());
        }
        return p;
    }

    private static void model(
            List<String> p,
            String where,
            String model,
            String preset,
            Map<String, Double> overrides) {
        if (model == null) {
            p.add(where + ": a model has no name; known models are " + MODELS);
        } else if (!MODELS.contains(model)) {
            p.add(where + ": unknown model '" + model + "'; known models are " + MODELS);
        } else if (PRESETS.contains(preset)) {
            // The sizes are checked the way the trainer will build them; the vocabulary size is
            // not known yet, so a stand-in one is used.
            try {
                ModelConfig.resolve(model, preset, overrides, Objective.CLASSIFICATION, 1000);
            } catch (IllegalArgumentException e) {
                p.add(where + ": " + model + ": " + e.getMessage());
            }
        }
        oneOf(p, where + " preset", preset, PRESETS);
    }

    private static void oneOf(List<String> p, String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            p.add(field + " must be one of " + allowed + ", not '" + value + "'");
        }
    }
}
