package kd.evaluator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kd.common.events.EventMeta;
import kd.common.events.ModelEvaluated;
import kd.common.events.ModelId;
import kd.common.metrics.AgreementAccuracy;
import kd.common.metrics.BinAccuracy;
import kd.common.metrics.Calibration;
import kd.common.metrics.CalibrationSettings;
import kd.common.metrics.ReliabilityBin;
import org.junit.jupiter.api.Test;

class SeedCurvesTest {

    private static ModelEvaluated seed(int seed, List<BinAccuracy> distance, ReliabilityBin top) {
        List<ReliabilityBin> bins = new ArrayList<>();
        for (int b = 0; b < 19; b++) {
            bins.add(new ReliabilityBin(b / 20.0, (b + 1) / 20.0, 0, null, null));
        }
        bins.add(top);
        AgreementAccuracy acc = new AgreementAccuracy(6, 0.7, 0.7, distance, null, List.of());
        Calibration cal = new Calibration(CalibrationSettings.PAPER, 0.1, bins, 0.3, 0.2);
        return new ModelEvaluated(
                EventMeta.of("r"), ModelId.teacher("lstm", seed), "test", acc, cal, null, 0);
    }

    private static final List<ModelEvaluated> TWO_SEEDS =
            List.of(
                    seed(
                            1,
                            List.of(new BinAccuracy(1, 2, 1.0), new BinAccuracy(2, 0, null)),
                            new ReliabilityBin(0.95, 1, 2, 0.96, 1.0)),
                    seed(
                            2,
                            List.of(new BinAccuracy(1, 4, 0.5), new BinAccuracy(2, 5, 0.8)),
                            new ReliabilityBin(0.95, 1, 6, 0.98, 0.5)));

    @Test
    void accuracyBinsAverageTheSeedsThatHaveTheBin() {
        // Bin 1: (1.0 + 0.5) / 2 = 0.75 over 2 + 4 items. Bin 2: only seed 2 has it: 0.8, not 0.4.
        Map<String, List<BinAccuracy>> curves =
                SeedCurves.accuracy(TWO_SEEDS, "test", AgreementAccuracy::byDistance);
        assertEquals(
                List.of(new BinAccuracy(1, 6, 0.75), new BinAccuracy(2, 5, 0.8)),
                curves.get("lstm"));
    }

    @Test
    void reliabilityBinsPoolByCount() {
        // Last bin: 2 + 6 = 8 items; confidence (2·0.96 + 6·0.98) / 8 = 7.8 / 8 = 0.975;
        // accuracy (2·1.0 + 6·0.5) / 8 = 5 / 8 = 0.625.
        SeedCurves.Pooled pooled = SeedCurves.reliability(TWO_SEEDS, "test").get("lstm");
        assertEquals(2, pooled.seeds());
        ReliabilityBin last = pooled.bins().get(19);
        assertEquals(8, last.count());
        assertEquals(0.975, last.confidence(), 1e-12);
        assertEquals(0.625, last.accuracy(), 1e-12);
        assertNull(pooled.bins().get(0).accuracy());
    }
}
