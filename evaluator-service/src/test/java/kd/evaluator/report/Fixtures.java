package kd.evaluator.report;

import java.util.ArrayList;
import java.util.List;
import kd.common.events.EventMeta;
import kd.common.events.ModelEvaluated;
import kd.common.events.ModelId;
import kd.common.metrics.AgreementAccuracy;
import kd.common.metrics.BinAccuracy;
import kd.common.metrics.Calibration;
import kd.common.metrics.CalibrationSettings;
import kd.common.metrics.ReliabilityBin;

/** Fabricated evaluations; only the numbers a test names matter. */
final class Fixtures {

    static final String RUN = "run-1";

    private Fixtures() {}

    /** Distance bins 1..16 with accuracy {@code micro} except bin 16, which is empty. */
    static AgreementAccuracy accuracy(double micro, Double attractors) {
        List<BinAccuracy> distance = new ArrayList<>();
        for (int d = 1; d <= 16; d++) {
            distance.add(d == 16 ? new BinAccuracy(d, 0, null) : new BinAccuracy(d, 10, micro));
        }
        List<BinAccuracy> byAttractors = new ArrayList<>();
        for (int a = 0; a <= 4; a++) {
            byAttractors.add(new BinAccuracy(a, 5, attractors == null ? micro : attractors));
        }
        return new AgreementAccuracy(
                160, micro, micro, distance, attractors == null ? micro : attractors, byAttractors);
    }

    /** Twenty bins, all items in the last two. */
    static Calibration calibration(double ece) {
        List<ReliabilityBin> bins = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            double lo = b / 20.0;
            double hi = (b + 1) / 20.0;
            bins.add(
                    b == 18
                            ? new ReliabilityBin(lo, hi, 4, 0.93, 0.75)
                            : b == 19
                                    ? new ReliabilityBin(lo, hi, 156, 0.99, 0.97)
                                    : new ReliabilityBin(lo, hi, 0, null, null));
        }
        return new Calibration(CalibrationSettings.PAPER, ece, bins, 0.1, 0.05);
    }

    static ModelEvaluated classification(ModelId model, String testSet, double micro, double ece) {
        return new ModelEvaluated(
                EventMeta.of(RUN),
                model,
                testSet,
                accuracy(micro, null),
                calibration(ece),
                null,
                0);
    }

    static ModelEvaluated lm(ModelId model, double micro, double attractors, double perplexity) {
        return new ModelEvaluated(
                EventMeta.of(RUN),
                model,
                ResultTable.MAIN_TEST_SET,
                accuracy(micro, attractors),
                null,
                perplexity,
                3);
    }
}
