package kd.evaluator.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import kd.common.events.ModelEvaluated;
import kd.common.metrics.AgreementAccuracy;
import kd.common.metrics.BinAccuracy;
import kd.common.metrics.CalibrationSettings;
import kd.common.metrics.ReliabilityBin;

/**
 * Per-bin curves of a variant, combined over its seeds, for the charts.
 *
 * <p>Accuracy bins: the counts add up and the accuracy is the plain mean over the seeds whose bin
 * is non-empty, the same way the table averages μ-accuracy over seeds. Reliability bins: pooled,
 * counts added and confidence and accuracy weighted by count, which equals the diagram of all
 * seeds' predictions together when the bins are equal-width. Seeds evaluated under calibration
 * settings other than the first seed's are left out of the pooled diagram.
 */
public final class SeedCurves {

    private SeedCurves() {}

    /**
     * @param view which bins, e.g. {@code AgreementAccuracy::byDistance}
     * @return per variant (sorted by name), the combined bins
     */
    public static Map<String, List<BinAccuracy>> accuracy(
            List<ModelEvaluated> evaluations,
            String testSet,
            Function<AgreementAccuracy, List<BinAccuracy>> view) {
        Map<String, List<BinAccuracy>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<ModelEvaluated>> e :
                byVariant(evaluations, testSet).entrySet()) {
            List<List<BinAccuracy>> seeds =
                    e.getValue().stream().map(m -> view.apply(m.accuracy())).toList();
            List<BinAccuracy> combined = new ArrayList<>();
            for (int b = 0; b < seeds.get(0).size(); b++) {
                int count = 0;
                double sum = 0;
                int present = 0;
                for (List<BinAccuracy> seed : seeds) {
                    BinAccuracy bin = seed.get(b);
                    count += bin.count();
                    if (bin.accuracy() != null) {
                        sum += bin.accuracy();
                        present++;
                    }
                }
                combined.add(
                        new BinAccuracy(
                                seeds.get(0).get(b).bin(),
                                count,
                                present == 0 ? null : sum / present));
            }
            out.put(e.getKey(), List.copyOf(combined));
        }
        return out;
    }

    /** Per variant with calibration (sorted by name), its pooled reliability diagram. */
    public static Map<String, Pooled> reliability(
            List<ModelEvaluated> evaluations, String testSet) {
        Map<String, Pooled> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<ModelEvaluated>> e :
                byVariant(evaluations, testSet).entrySet()) {
            List<ModelEvaluated> withCalibration =
                    e.getValue().stream().filter(m -> m.calibration() != null).toList();
            if (withCalibration.isEmpty()) {
                continue;
            }
            CalibrationSettings settings = withCalibration.get(0).calibration().settings();
            List<List<ReliabilityBin>> seeds =
                    withCalibration.stream()
                            .filter(m -> m.calibration().settings().equals(settings))
                            .map(m -> m.calibration().reliability())
                            .toList();
            List<ReliabilityBin> pooled = new ArrayList<>();
            for (int b = 0; b < seeds.get(0).size(); b++) {
                int count = 0;
                double confidence = 0;
                double accuracy = 0;
                for (List<ReliabilityBin> seed : seeds) {
                    ReliabilityBin bin = seed.get(b);
                    if (bin.count() > 0) {
                        count += bin.count();
                        confidence += bin.count() * bin.confidence();
                        accuracy += bin.count() * bin.accuracy();
                    }
                }
                ReliabilityBin first = seeds.get(0).get(b);
                pooled.add(
                        count == 0
                                ? new ReliabilityBin(first.lower(), first.upper(), 0, null, null)
                                : new ReliabilityBin(
                                        first.lower(),
                                        first.upper(),
                                        count,
                                        confidence / count,
                                        accuracy / count));
            }
            out.put(e.getKey(), new Pooled(settings, seeds.size(), List.copyOf(pooled)));
        }
        return out;
    }

    /** A reliability diagram pooled over {@code seeds} seeds. */
    public record Pooled(CalibrationSettings settings, int seeds, List<ReliabilityBin> bins) {}

    private static Map<String, List<ModelEvaluated>> byVariant(
            List<ModelEvaluated> evaluations, String testSet) {
        Map<String, List<ModelEvaluated>> out = new TreeMap<>();
        for (ModelEvaluated e : ResultTable.distinct(evaluations)) {
            if (e.testSet().equals(testSet)) {
                out.computeIfAbsent(e.model().variant(), k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }
}
