package kd.common.metrics;

import java.util.List;

/**
 * Second-order similarity between models' representations.
 *
 * @param models model names, in the order of the matrix's rows and columns
 * @param values symmetric, 1 on the diagonal; see {@link RepresentationSimilarity}
 */
public record ModelSimilarity(List<String> models, double[][] values) {

    public double get(String a, String b) {
        return values[models.indexOf(a)][models.indexOf(b)];
    }
}
