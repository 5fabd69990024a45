package kd.evaluator.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kd.common.data.Example;
import kd.common.data.MinimalPair;
import kd.common.data.PreparedDataset;
import kd.common.data.Vocabulary;
import kd.common.metrics.AgreementAccuracy;
import kd.common.metrics.AgreementMetrics;
import kd.common.metrics.Calibration;
import kd.common.metrics.CalibrationMetrics;
import kd.common.metrics.CalibrationSettings;
import kd.common.metrics.LmAgreement;
import kd.common.metrics.MinimalPairs;
import kd.common.metrics.Perplexity;
import kd.common.model.Objective;
import kd.common.model.TrainedModel;

/**
 * Scores one trained model on every test set of a dataset: the {@code test} split, each extra test
 * set, and (for language models) each minimal-pair set.
 */
public final class TestSetEvaluator {

    /** The scores of one test set; calibration is null for language models. */
    public record Scores(
            String testSet,
            AgreementAccuracy accuracy,
            Calibration calibration,
            Double perplexity,
            int excluded) {}

    private TestSetEvaluator() {}

    public static List<Scores> evaluate(
            TrainedModel model, PreparedDataset data, CalibrationSettings calibration) {
        boolean lm = model.config().objective() == Objective.LM;
        List<Scores> scores = new ArrayList<>();
        for (Map.Entry<String, List<Example>> split : data.splits().entrySet()) {
            String name = split.getKey();
            if (name.equals(PreparedDataset.TRAIN)
                    || name.equals(PreparedDataset.VALIDATION)
                    || split.getValue().isEmpty()) {
                continue;
            }
            scores.add(
                    lm
                            ? languageModel(model, data.vocabulary(), name, split.getValue())
                            : classifier(model, name, split.getValue(), calibration));
        }
        if (lm) {
            for (Map.Entry<String, List<MinimalPair>> set : data.minimalPairs().entrySet()) {
                scores.add(minimalPairs(model, set.getKey(), set.getValue()));
            }
        }
        return scores;
    }

    static Scores classifier(
            TrainedModel model, String name, List<Example> items, CalibrationSettings settings) {
        float[][] logits = model.classificationLogits(items);
        int[] labels = items.stream().mapToInt(Example::label).toArray();
        int[] predictions = new int[items.size()];
        for (int i = 0; i < logits.length; i++) {
            predictions[i] = logits[i][1] > logits[i][0] ? 1 : 0;
        }
        return new Scores(
                name,
                AgreementMetrics.compute(items, predictions),
                CalibrationMetrics.fromLogits(logits, labels, settings),
                null,
                0);
    }

    /**
     * Agreement from a language model: at the verb's position, the correct form against the same
     * verb in the other number. Items without a full sentence or whose verb has no known pair are
     * counted as excluded, not guessed. Perplexity is pooled over every real token of every
     * sentence, the end token included.
     */
    static Scores languageModel(
            TrainedModel model, Vocabulary vocabulary, String name, List<Example> items) {
        List<Example> usable = items.stream().filter(e -> e.sentence().length > 1).toList();
        List<int[]> sentences = usable.stream().map(Example::sentence).toList();
        double nll = 0;
        long tokens = 0;
        for (float[] row : model.tokenLogProbs(sentences)) {
            for (float logProb : row) {
                nll -= logProb;
                tokens++;
            }
        }

        Map<Integer, Integer> others = vocabulary.otherNumberIds();
        List<int[]> prefixes = new ArrayList<>();
        List<int[]> candidates = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            Example e = usable.get(i);
            int other =
                    e.verbPosition() > 0
                            ? others.getOrDefault(e.sentence()[e.verbPosition()], -1)
                            : -1;
            if (other < 0) {
                continue;
            }
            prefixes.add(Arrays.copyOf(e.sentence(), e.verbPosition()));
            candidates.add(new int[] {e.sentence()[e.verbPosition()], other});
            at.add(i);
        }
        double[] correct = new double[usable.size()];
        double[] wrong = new double[usable.size()];
        Arrays.fill(correct, LmAgreement.NO_PAIR);
        Arrays.fill(wrong, LmAgreement.NO_PAIR);
        if (!prefixes.isEmpty()) {
            float[][] scores = model.nextTokenLogProbs(prefixes, candidates);
            for (int j = 0; j < at.size(); j++) {
                correct[at.get(j)] = scores[j][0];
                wrong[at.get(j)] = scores[j][1];
            }
        }
        int excluded = items.size() - usable.size();
        if (prefixes.isEmpty()) {
            return new Scores(
                    name,
                    new AgreementAccuracy(0, Double.NaN, null, List.of(), null, List.of()),
                    null,
                    Perplexity.compute(nll, tokens),
                    items.size());
        }
        LmAgreement.Result result = LmAgreement.compute(usable, correct, wrong);
        return new Scores(
                name,
                result.accuracy(),
                null,
                Perplexity.compute(nll, tokens),
                excluded + result.excluded());
    }

    static Scores minimalPairs(TrainedModel model, String name, List<MinimalPair> pairs) {
        double[] good = model.sentenceLogProbs(pairs.stream().map(MinimalPair::good).toList());
        double[] bad = model.sentenceLogProbs(pairs.stream().map(MinimalPair::bad).toList());
        double accuracy = MinimalPairs.accuracy(good, bad);
        return new Scores(
                name,
                new AgreementAccuracy(pairs.size(), accuracy, null, List.of(), null, List.of()),
                null,
                null,
                0);
    }
}
