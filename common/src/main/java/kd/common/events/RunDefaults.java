package kd.common.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import kd.common.events.RunExperiment.DatasetSpec;
import kd.common.events.RunExperiment.DistillationSpec;
import kd.common.events.RunExperiment.EvaluationSpec;
import kd.common.events.RunExperiment.GeneratorSpec;
import kd.common.events.RunExperiment.ModelSpec;
import kd.common.events.RunExperiment.StudentSpec;
import kd.common.events.RunExperiment.TrainingSpec;

/**
 * Fills what a run command leaves out. The defaults are scenario 1 of the paper (T = 1, r = 1, ECE
 * over 20 equal-width top-label bins) at the {@code demo} model sizes.
 */
public final class RunDefaults {

    private RunDefaults() {}

    public static RunExperiment apply(RunExperiment c) {
        DatasetSpec d =
                c.dataset() == null
                        ? new DatasetSpec(null, null, null, null, null, null, null, null)
                        : c.dataset();
        GeneratorSpec g =
                d.generator() == null ? new GeneratorSpec(null, null, null) : d.generator();
        DatasetSpec dataset =
                new DatasetSpec(
                        or(d.format(), "generated"),
                        or(d.train(), List.of()),
                        or(d.testSets(), Map.of()),
                        or(d.split(), List.of(0.8, 0.1, 0.1)),
                        or(d.seed(), 1),
                        or(d.vocabularySize(), 10_000),
                        d.maxItems(),
                        new GeneratorSpec(
                                or(g.items(), 3000),
                                or(g.maxAttractors(), 3),
                                or(g.maxDistance(), 12)));

        List<ModelSpec> teachers =
                or(c.teachers(), List.of(new ModelSpec("lstm", null, null))).stream()
                        .map(
                                t ->
                                        new ModelSpec(
                                                t.model(),
                                                or(t.preset(), "demo"),
                                                or(t.overrides(), Map.of())))
                        .toList();
        List<StudentSpec> students =
                or(c.students(), List.<StudentSpec>of()).stream()
                        .map(
                                s ->
                                        new StudentSpec(
                                                s.model(),
                                                or(s.preset(), "demo"),
                                                or(s.overrides(), Map.of()),
                                                or(s.modes(), List.of("distilled", "baseline"))))
                        .toList();

        DistillationSpec k =
                c.distillation() == null
                        ? new DistillationSpec(null, null, null, null, null, null)
                        : c.distillation();
        DistillationSpec distillation =
                new DistillationSpec(
                        or(k.temperature(), 1.0),
                        or(k.ratio(), 1.0),
                        or(k.lmScheme(), "topk"),
                        or(k.k(), 32),
                        or(k.shardTargetBytes(), 1 << 20),
                        or(k.transferSplit(), "train"));

        TrainingSpec t =
                c.training() == null
                        ? new TrainingSpec(null, null, null, null, null, null, null, null, null)
                        : c.training();
        TrainingSpec training =
                new TrainingSpec(
                        or(t.epochs(), 3),
                        or(t.batchSize(), 32),
                        or(t.learningRate(), 1e-3),
                        or(t.warmupSteps(), 50),
                        or(t.decayRate(), 0.99),
                        or(t.clipNorm(), 1.0),
                        or(t.earlyStopping(), false),
                        or(t.patience(), 2),
                        or(t.device(), "auto"));

        EvaluationSpec e =
                c.evaluation() == null
                        ? new EvaluationSpec(null, null, null, null, null)
                        : c.evaluation();
        EvaluationSpec evaluation =
                new EvaluationSpec(
                        or(e.eceBins(), 20),
                        or(e.eceScheme(), "equal-width"),
                        or(e.eceNorm(), "l1"),
                        or(e.eceScope(), "top-label"),
                        or(e.similarityItems(), 200));

        return new RunExperiment(
                or(c.schemaVersion(), EventMeta.SCHEMA_VERSION),
                c.runId(),
                or(c.setup(), "classification"),
                dataset,
                teachers,
                students,
                distillation,
                training,
                or(c.seeds(), List.of(1)),
                evaluation);
    }

    private static <T> T or(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
