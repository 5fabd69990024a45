package kd.common.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How alike two models' representations are, compared through the items rather than the dimensions
 * (representational similarity analysis), so models of different widths compare.
 *
 * <p>Each model gets its item-by-item cosine-similarity matrix; two models' similarity is the
 * Pearson correlation of the strict upper triangles (i &lt; j) of their matrices. The diagonal is
 * left out because it is 1 for every model and would only inflate the correlation.
 *
 * <p>A zero vector has cosine 0 with every vector, itself included. The triangle holds n(n−1)/2
 * doubles per model: 5,000 items cost about 100 MB per model, so evaluate on a sample of the test
 * set.
 */
public final class RepresentationSimilarity {

    private RepresentationSimilarity() {}

    /**
     * @param byModel per model, one vector per item, the same items in the same order for all
     *     models; the map's iteration order becomes the order of the result
     * @throws IllegalArgumentException with fewer than three items, differing item counts, or a
     *     model whose cosines are all equal (its correlation with anything is undefined)
     */
    public static ModelSimilarity compare(Map<String, float[][]> byModel) {
        List<String> models = new ArrayList<>(byModel.keySet());
        List<double[]> triangles = new ArrayList<>();
        int items = -1;
        for (String model : models) {
            float[][] vectors = byModel.get(model);
            if (items >= 0 && vectors.length != items) {
                throw new IllegalArgumentException(
                        model + " has " + vectors.length + " items, others " + items);
            }
            items = vectors.length;
            if (items < 3) {
                throw new IllegalArgumentException("need at least 3 items, got " + items);
            }
            triangles.add(upperTriangle(vectors));
        }

        int m = models.size();
        double[][] values = new double[m][m];
        for (int a = 0; a < m; a++) {
            values[a][a] = 1;
            for (int b = a + 1; b < m; b++) {
                double r = pearson(triangles.get(a), triangles.get(b));
                if (Double.isNaN(r)) {
                    throw new IllegalArgumentException(
                            "constant cosine similarities in "
                                    + models.get(a)
                                    + " or "
                                    + models.get(b));
                }
                values[a][b] = r;
                values[b][a] = r;
            }
        }
        return new ModelSimilarity(List.copyOf(models), values);
    }

    /** The full item-by-item cosine-similarity matrix. */
    public static double[][] cosineMatrix(float[][] vectors) {
        int n = vectors.length;
        double[] norms = norms(vectors);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double c = cosine(vectors[i], vectors[j], norms[i], norms[j]);
                out[i][j] = c;
                out[j][i] = c;
            }
        }
        return out;
    }

    /** Cosines of the pairs i &lt; j, row by row: (0,1), (0,2), …, (1,2), …. */
    public static double[] upperTriangle(float[][] vectors) {
        int n = vectors.length;
        double[] norms = norms(vectors);
        double[] out = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[k++] = cosine(vectors[i], vectors[j], norms[i], norms[j]);
            }
        }
        return out;
    }

    /** Pearson correlation; NaN when either side is constant. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("lengths " + x.length + " and " + y.length);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] norms(float[][] vectors) {
        double[] norms = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            double s = 0;
            for (float v : vectors[i]) {
                s += (double) v * v;
            }
            norms[i] = Math.sqrt(s);
        }
        return norms;
    }

    private static double cosine(float[] a, float[] b, double normA, double normB) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimensions " + a.length + " and " + b.length);
        }
        if (normA == 0 || normB == 0) {
            return 0;
        }
        double dot = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
        }
        return dot / (normA * normB);
    }
}
