package kd.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassicalMdsTest {

    private static final double TOL = 1e-9;

    private static double distance(MdsPoint p, MdsPoint q) {
        return Math.hypot(p.x() - q.x(), p.y() - q.y());
    }

    private static ModelSimilarity similarity(double s01, double s02, double s12) {
        return new ModelSimilarity(
                List.of("m0", "m1", "m2"),
                new double[][] {{1, s01, s02}, {s01, 1, s12}, {s02, s12, 1}});
    }

    @Test
    void threeModelsKeepTheirKnownDistances() {
        // Similarities 0.8, 0.5, 0.6 → dissimilarities d01 = 0.2, d02 = 0.5, d12 = 0.4. They obey
        // the triangle inequality, so three points in the plane realise them exactly and classical
        // MDS recovers them: d01 < d12 < d02 in the layout too.
        List<MdsPoint> layout = ClassicalMds.layout(similarity(0.8, 0.5, 0.6));
        double d01 = distance(layout.get(0), layout.get(1));
        double d02 = distance(layout.get(0), layout.get(2));
        double d12 = distance(layout.get(1), layout.get(2));
        assertEquals(0.2, d01, TOL);
        assertEquals(0.5, d02, TOL);
        assertEquals(0.4, d12, TOL);
        assertTrue(d01 < d12 && d12 < d02);
        // The layout is centred.
        assertEquals(0, layout.stream().mapToDouble(MdsPoint::x).sum(), TOL);
        assertEquals(0, layout.stream().mapToDouble(MdsPoint::y).sum(), TOL);
    }

    @Test
    void collinearModelsLieOnTheFirstAxisWithTheFirstModelPositive() {
        // d01 = 0.1, d12 = 0.4, d02 = 0.5: points 0, 0.1, 0.5 on a line, centred at 0.2 →
        // (−0.2, −0.1, 0.3); the sign convention flips it so m0 is positive: (0.2, 0.1, −0.3).
        List<MdsPoint> layout = ClassicalMds.layout(similarity(0.9, 0.5, 0.6));
        assertEquals(new MdsPoint("m0", 0.2, 0), round(layout.get(0)));
        assertEquals(new MdsPoint("m1", 0.1, 0), round(layout.get(1)));
        assertEquals(new MdsPoint("m2", -0.3, 0), round(layout.get(2)));
    }

    @Test
    void twoModelsSitSymmetricallyOnTheFirstAxis() {
        List<MdsPoint> layout =
                ClassicalMds.layout(
                        new ModelSimilarity(
                                List.of("a", "b"), new double[][] {{1, 0.7}, {0.7, 1}}));
        assertEquals(new MdsPoint("a", 0.15, 0), round(layout.get(0)));
        assertEquals(new MdsPoint("b", -0.15, 0), round(layout.get(1)));
    }

    private static MdsPoint round(MdsPoint p) {
        // Rounded to 1e-9 so that record equality can state the expected point; +0.0 folds −0.0.
        return new MdsPoint(
                p.model(),
                Math.round(p.x() * 1e9) / 1e9 + 0.0,
                Math.round(p.y() * 1e9) / 1e9 + 0.0);
    }
}
