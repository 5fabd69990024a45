package kd.common.events;

import java.util.List;
import java.util.Map;
import kd.common.store.ObjectRef;

/**
 * Every model of a run is evaluated.
 *
 * @param table one row per model variant and test set, mean ± std over seeds
 * @param report the HTML report
 * @param charts PNG charts, by name
 */
public record RunCompleted(
        EventMeta meta, List<ResultRow> table, ObjectRef report, Map<String, ObjectRef> charts)
        implements PipelineEvent {

    /**
     * @param variant model name, with {@code <-teacher} for a distilled student
     * @param seeds how many seeds the mean is over
     */
    public record ResultRow(
            String variant,
            String testSet,
            int seeds,
            double accuracyMean,
            double accuracyStd,
            Double eceMean,
            Double eceStd,
            Double attractorAccuracyMean,
            Double perplexityMean) {}
}
