package kd.common.events;

import java.util.List;
import java.util.Map;

/**
 * The command that starts a run: which data, which teachers, which students, how to distil.
 *
 * <p>Fields left out of the JSON take the defaults of {@link RunDefaults}; the command is checked
 * by {@link RunValidator} before anything starts.
 *
 * @param runId names the run in every event and object key; letters, digits, '.', '_' and '-'
 * @param setup {@code classification} or {@code lm}
 */
public record RunExperiment(
        Integer schemaVersion,
        String runId,
        String setup,
        DatasetSpec dataset,
        List<ModelSpec> teachers,
        List<StudentSpec> students,
        DistillationSpec distillation,
        TrainingSpec training,
        List<Integer> seeds,
        EvaluationSpec evaluation) {

    /**
     * Where the data comes from and how it is split.
     *
     * @param format {@code generated}, {@code numpred}, {@code linzen-tsv} or {@code conllu}
     * @param train files read for the train/validation/test split (none for {@code generated})
     * @param testSets extra named test sets: name to file; a {@code .jsonl} file is read as
     *     BLiMP-style minimal pairs
     * @param split proportions of train, validation and test, in that order
     * @param maxItems keep at most this many items of the split files (after shuffling)
     * @param generator settings of the built-in grammar, for {@code generated}
     */
    public record DatasetSpec(
            String format,
            List<String> train,
            Map<String, String> testSets,
            List<Double> split,
            Integer seed,
            Integer vocabularySize,
            Integer maxItems,
            GeneratorSpec generator) {}

    /**
     * The built-in probabilistic grammar.
     *
     * @param items sentences to generate
     * @param maxAttractors attractor counts are drawn uniformly from 0..maxAttractors
     * @param maxDistance longest subject–verb distance to produce
     */
    public record GeneratorSpec(Integer items, Integer maxAttractors, Integer maxDistance) {}

    /**
     * A model to train.
     *
     * @param model {@code lstm}, {@code small-lstm}, {@code transformer}, {@code
     *     small-transformer}, {@code transformer-seq} or {@code ut-seq}
     * @param preset {@code paper} or {@code demo}
     * @param overrides any field of the preset, by name
     */
    public record ModelSpec(String model, String preset, Map<String, Double> overrides) {}

    /**
     * A student model and how it is trained.
     *
     * @param modes {@code distilled} (from every teacher), {@code baseline} (gold labels only), or
     *     both
     */
    public record StudentSpec(
            String model, String preset, Map<String, Double> overrides, List<String> modes) {}

    /**
     * The distillation loss and the soft labels.
     *
     * @param temperature T, applied to teacher and student logits alike
     * @param ratio r: loss = r · soft CE + (1 − r) · gold CE
     * @param lmScheme soft labels of the LM setup: {@code dense}, {@code topk} or {@code sampled}
     * @param k how many tokens a position keeps under {@code topk} and {@code sampled}
     * @param shardTargetBytes a shard is closed once it holds about this many bytes
     * @param transferSplit split the teacher labels for the students
     */
    public record DistillationSpec(
            Double temperature,
            Double ratio,
            String lmScheme,
            Integer k,
            Integer shardTargetBytes,
            String transferSplit) {}

    /**
     * The training budget and optimiser.
     *
     * @param device {@code auto}, {@code cpu} or {@code gpu}
     */
    public record TrainingSpec(
            Integer epochs,
            Integer batchSize,
            Double learningRate,
            Integer warmupSteps,
            Double decayRate,
            Double clipNorm,
            Boolean earlyStopping,
            Integer patience,
            String device) {}

    /**
     * How models are evaluated.
     *
     * @param eceBins number of calibration bins
     * @param eceScheme {@code equal-width} or {@code equal-mass}
     * @param eceNorm {@code l1}, {@code l2} or {@code max}
     * @param eceScope {@code top-label} or {@code positive-class}
     * @param similarityItems validation items sampled for representation similarity
     */
    public record EvaluationSpec(
            Integer eceBins,
            String eceScheme,
            String eceNorm,
            String eceScope,
            Integer similarityItems) {}
}
