package kd.common.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Classical (Torgerson) multidimensional scaling of models into two dimensions.
 *
 * <p>From dissimilarities D: B = −½ J D⁽²⁾ J with J = I − 11ᵀ/n, then the coordinates on axis k are
 * the k-th eigenvector of B scaled by √λ_k, axes by decreasing eigenvalue. When D is Euclidean (any
 * three models whose dissimilarities obey the triangle inequality are), the layout's distances
 * reproduce D exactly. Negative eigenvalues, which a non-Euclidean D produces, are taken as 0 and
 * their axis collapses.
 *
 * <p>Sign convention, so that the same input always gives the same picture: on each axis, the first
 * model (in input order) whose coordinate is not negligibly small gets a positive coordinate.
 */
public final class ClassicalMds {

    private static final double NEGLIGIBLE = 1e-9;
    private static final double TINY_EIGENVALUE = 1e-12;

    private ClassicalMds() {}

    /** Layout from the dissimilarity 1 − similarity. */
    public static List<MdsPoint> layout(ModelSimilarity similarity) {
        double[][] s = similarity.values();
        double[][] d = new double[s.length][s.length];
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                d[i][j] = i == j ? 0 : 1 - s[i][j];
            }
        }
        return layout(similarity.models(), d);
    }

    /**
     * @param dissimilarity symmetric, zero on the diagonal
     */
    public static List<MdsPoint> layout(List<String> models, double[][] dissimilarity) {
        int n = models.size();
        if (dissimilarity.length != n) {
            throw new IllegalArgumentException(n + " models, matrix of " + dissimilarity.length);
        }
        if (n == 1) {
            return List.of(new MdsPoint(models.get(0), 0, 0));
        }

        // Double centring of the squared dissimilarities.
        double[][] sq = new double[n][n];
        double[] rowMean = new double[n];
        double grandMean = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sq[i][j] = dissimilarity[i][j] * dissimilarity[i][j];
                rowMean[i] += sq[i][j] / n;
            }
            grandMean += rowMean[i] / n;
        }
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // The matrix is symmetric, so column means equal row means.
                b[i][j] = -0.5 * (sq[i][j] - rowMean[i] - rowMean[j] + grandMean);
            }
        }

        RealMatrix matrix = MatrixUtils.createRealMatrix(b);
        EigenDecomposition eigen = new EigenDecomposition(matrix);
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]));

        double[][] coords = new double[2][n];
        double largest = Math.max(0, values[order[0]]);
        for (int axis = 0; axis < Math.min(2, n); axis++) {
            double lambda = values[order[axis]];
            // Rounding leaves a collapsed axis a tiny eigenvalue of either sign; call it zero.
            if (lambda <= TINY_EIGENVALUE * largest) {
                lambda = 0;
            }
            RealVector v = eigen.getEigenvector(order[axis]);
            double scale = Math.sqrt(lambda) / v.getNorm();
            for (int i = 0; i < n; i++) {
                coords[axis][i] = v.getEntry(i) * scale;
            }
            orient(coords[axis]);
        }

        List<MdsPoint> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new MdsPoint(models.get(i), coords[0][i], coords[1][i]));
        }
        return List.copyOf(out);
    }

    private static void orient(double[] axis) {
        double max = 0;
        for (double c : axis) {
            max = Math.max(max, Math.abs(c));
        }
        for (double c : axis) {
            if (Math.abs(c) > NEGLIGIBLE * max) {
                if (c < 0) {
                    for (int i = 0; i < axis.length; i++) {
                        axis[i] = -axis[i];
                    }
                }
                return;
            }
        }
    }
}
