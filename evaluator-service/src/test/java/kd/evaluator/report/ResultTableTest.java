package kd.evaluator.report;

import static kd.evaluator.report.Fixtures.classification;
import static kd.evaluator.report.Fixtures.lm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import kd.common.events.ModelId;
import kd.common.events.RunCompleted.ResultRow;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private static final double EXACT = 1e-12;

    @Test
    void oneRowPerVariantAndTestSetWithMeanAndSampleStd() {
        // transformer<-lstm, seeds 1..3: μ 0.96, 0.97, 0.98 → mean 0.97, deviations ±0.01 and 0:
        // std √(0.0002 / 2) = 0.01. ECE 0.04, 0.05, 0.06 → 0.05 ± 0.01.
        List<ResultRow> rows =
                ResultTable.of(
                        List.of(
                                classification(
                                        ModelId.student("transformer", 1, "lstm"),
                                        "test",
                                        0.96,
                                        0.04),
                                classification(
                                        ModelId.student("transformer", 2, "lstm"),
                                        "test",
                                        0.97,
                                        0.05),
                                classification(
                                        ModelId.student("transformer", 3, "lstm"),
                                        "test",
                                        0.98,
                                        0.06),
                                classification(ModelId.teacher("lstm", 1), "hard", 0.9, 0.1),
                                classification(ModelId.teacher("lstm", 1), "test", 0.978, 0.028)));
        assertEquals(3, rows.size());
        // Order: test set "test" first, then by variant; then "hard".
        assertEquals("lstm", rows.get(0).variant());
        assertEquals(0.0, rows.get(0).accuracyStd(), EXACT);
        ResultRow distilled = rows.get(1);
        assertEquals("transformer<-lstm", distilled.variant());
        assertEquals(3, distilled.seeds());
        assertEquals(0.97, distilled.accuracyMean(), EXACT);
        assertEquals(0.01, distilled.accuracyStd(), EXACT);
        assertEquals(0.05, distilled.eceMean(), EXACT);
        assertEquals(0.01, distilled.eceStd(), EXACT);
        assertNull(distilled.perplexityMean());
        assertEquals("hard", rows.get(2).testSet());
    }

    @Test
    void aRepeatedEvaluationCountsOnceAndTheLaterWins() {
        // Seed 1 arrives twice (0.90, then 0.94); seed 2 is 0.96: mean (0.94 + 0.96) / 2 = 0.95.
        List<ResultRow> rows =
                ResultTable.of(
                        List.of(
                                classification(ModelId.teacher("lstm", 1), "test", 0.90, 0.1),
                                classification(ModelId.teacher("lstm", 2), "test", 0.96, 0.1),
                                classification(ModelId.teacher("lstm", 1), "test", 0.94, 0.1)));
        assertEquals(1, rows.size());
        assertEquals(2, rows.get(0).seeds());
        assertEquals(0.95, rows.get(0).accuracyMean(), EXACT);
    }

    @Test
    void languageModelRowsCarryAttractorAccuracyAndPerplexity() {
        // A-accuracy 0.92, 0.94 → 0.93; perplexity 50, 60 → 55; no ECE.
        List<ResultRow> rows =
                ResultTable.of(
                        List.of(
                                lm(ModelId.teacher("lstm", 1), 0.95, 0.92, 50),
                                lm(ModelId.teacher("lstm", 2), 0.95, 0.94, 60)));
        assertEquals(0.93, rows.get(0).attractorAccuracyMean(), EXACT);
        assertEquals(55.0, rows.get(0).perplexityMean(), EXACT);
        assertNull(rows.get(0).eceMean());
        assertNull(rows.get(0).eceStd());
    }
}
