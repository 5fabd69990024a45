package kd.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepresentationSimilarityTest {

    private static final double EXACT = 1e-12;

    @Test
    void cosineMatrixOfSmallVectors() {
        // (3,4)·(4,3) = 24, norms 5 and 5: 24/25 = 0.96. The zero vector has cosine 0.
        double[][] m =
                RepresentationSimilarity.cosineMatrix(new float[][] {{3, 4}, {4, 3}, {0, 0}});
        assertArrayEquals(new double[] {1, 0.96, 0}, m[0], EXACT);
        assertArrayEquals(new double[] {0.96, 1, 0}, m[1], EXACT);
        assertArrayEquals(new double[] {0, 0, 0}, m[2], EXACT);
    }

    @Test
    void pearsonByHand() {
        // x − 2 = (−1, 0, 1), y − 2 = (−1, 1, 0): Σxy = 1, Σx² = 2, Σy² = 2 → r = 1/2.
        assertEquals(
                0.5,
                RepresentationSimilarity.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2}),
                EXACT);
    }

    /**
     * Model a: (1,0), (0,1), (1,1) → cosines of pairs (0,1), (0,2), (1,2) = (0, c, c), c = 1/√2.
     * Model b: (1,0), (1,0), (0,1) → (1, 0, 0). Model c: a's vectors rescaled, (2,0), (0,3), (5,5)
     * → (0, c, c). Centred, a is (−2c/3, c/3, c/3) and b is (2/3, −1/3, −1/3): r(a,b) = −1; r(a,c)
     * = 1; r(b,c) = −1.
     */
    private static ModelSimilarity threeModels() {
        Map<String, float[][]> reps = new LinkedHashMap<>();
        reps.put("a", new float[][] {{1, 0}, {0, 1}, {1, 1}});
        reps.put("b", new float[][] {{1, 0}, {1, 0}, {0, 1}});
        reps.put("c", new float[][] {{2, 0}, {0, 3}, {5, 5}});
        return RepresentationSimilarity.compare(reps);
    }

    @Test
    void modelsAreComparedThroughTheirItemSimilarities() {
        ModelSimilarity s = threeModels();
        assertEquals(List.of("a", "b", "c"), s.models());
        assertEquals(-1, s.get("a", "b"), 1e-6);
        assertEquals(1, s.get("a", "c"), 1e-6);
        assertEquals(-1, s.get("c", "b"), 1e-6);
        assertEquals(1, s.get("b", "b"), EXACT);
    }

    @Test
    void layoutOfTheThreeModels() {
        // Dissimilarities 1 − r: d(a,b) = 2, d(a,c) = 0, d(b,c) = 2. On a line a = c = 0, b = 2;
        // centred a = c = −2/3, b = 4/3; the first model is made positive: (2/3, −4/3, 2/3).
        List<MdsPoint> layout = ClassicalMds.layout(threeModels());
        assertEquals(2.0 / 3, layout.get(0).x(), 1e-6);
        assertEquals(-4.0 / 3, layout.get(1).x(), 1e-6);
        assertEquals(2.0 / 3, layout.get(2).x(), 1e-6);
        assertEquals(0, layout.get(1).y(), 1e-6);
    }

    @Test
    void tooFewItemsOrConstantSimilaritiesAreRejected() {
        Map<String, float[][]> twoItems = Map.of("a", new float[][] {{1, 0}, {0, 1}});
        assertThrows(
                IllegalArgumentException.class, () -> RepresentationSimilarity.compare(twoItems));
        Map<String, float[][]> constant = new LinkedHashMap<>();
        constant.put("a", new float[][] {{1, 0}, {1, 0}, {1, 0}});
        constant.put("b", new float[][] {{1, 0}, {0, 1}, {1, 1}});
        assertThrows(
                IllegalArgumentException.class, () -> RepresentationSimilarity.compare(constant));
    }
}
