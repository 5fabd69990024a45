package kd.evaluator.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kd.common.events.ModelEvaluated;
import kd.common.events.RunCompleted.ResultRow;
import kd.common.metrics.MeanStd;

/**
 * The comparison table: one row per model variant and test set, mean ± std over seeds.
 *
 * <p>An evaluation seen twice for the same model (same role, architecture, teacher and seed) and
 * test set counts once, the later one winning, so a redelivered event does not add a seed. Rows are
 * ordered by test set ({@code test} first, then by name) and then by variant name.
 */
public final class ResultTable {

    /** The name of the main test set, listed and charted first. */
    public static final String MAIN_TEST_SET = "test";

    private ResultTable() {}

    public static List<ResultRow> of(List<ModelEvaluated> evaluations) {
        Map<String, List<ModelEvaluated>> groups = new LinkedHashMap<>();
        for (ModelEvaluated e : distinct(evaluations)) {
            groups.computeIfAbsent(e.model().variant() + "\n" + e.testSet(), k -> new ArrayList<>())
                    .add(e);
        }

        List<ResultRow> rows = new ArrayList<>();
        for (List<ModelEvaluated> group : groups.values()) {
            ModelEvaluated first = group.get(0);
            MeanStd accuracy =
                    MeanStd.ofPresent(group.stream().map(e -> e.accuracy().micro()).toList());
            MeanStd ece =
                    MeanStd.ofPresent(
                            group.stream()
                                    .map(
                                            e ->
                                                    e.calibration() == null
                                                            ? null
                                                            : e.calibration().ece())
                                    .toList());
            MeanStd attractors =
                    MeanStd.ofPresent(group.stream().map(e -> e.accuracy().attractors()).toList());
            MeanStd perplexity =
                    MeanStd.ofPresent(group.stream().map(ModelEvaluated::perplexity).toList());
            rows.add(
                    new ResultRow(
                            first.model().variant(),
                            first.testSet(),
                            group.size(),
                            accuracy.mean(),
                            accuracy.std(),
                            ece == null ? null : ece.mean(),
                            ece == null ? null : ece.std(),
                            attractors == null ? null : attractors.mean(),
                            perplexity == null ? null : perplexity.mean()));
        }
        rows.sort(
                Comparator.comparing(ResultRow::testSet, ResultTable::compareTestSets)
                        .thenComparing(ResultRow::variant));
        return List.copyOf(rows);
    }

    /** The evaluations with repeats of the same model and test set removed; the last one wins. */
    public static List<ModelEvaluated> distinct(List<ModelEvaluated> evaluations) {
        Map<String, ModelEvaluated> latest = new LinkedHashMap<>();
        for (ModelEvaluated e : evaluations) {
            String key = e.model().key() + "\n" + e.testSet();
            latest.remove(key);
            latest.put(key, e);
        }
        return List.copyOf(latest.values());
    }

    /** {@code test} before every other test set, the others by name. */
    public static int compareTestSets(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.equals(MAIN_TEST_SET)) {
            return -1;
        }
        if (b.equals(MAIN_TEST_SET)) {
            return 1;
        }
        return a.compareTo(b);
    }
}
