package kd.common.metrics;

/**
 * How an ECE value was computed; it travels with every value.
 *
 * @param bins number of bins
 * @param scheme {@code equal-width} or {@code equal-mass}
 * @param norm {@code l1}, {@code l2} or {@code max}
 * @param scope {@code top-label} or {@code positive-class}
 */
public record CalibrationSettings(int bins, String scheme, String norm, String scope) {

    public static final String EQUAL_WIDTH = "equal-width";
    public static final String EQUAL_MASS = "equal-mass";
    public static final String L1 = "l1";
    public static final String L2 = "l2";
    public static final String MAX = "max";
    public static final String TOP_LABEL = "top-label";
    public static final String POSITIVE_CLASS = "positive-class";

    /** The paper's settings: 20 equal-width bins over the top-label confidence, L1. */
    public static final CalibrationSettings PAPER =
            new CalibrationSettings(20, EQUAL_WIDTH, L1, TOP_LABEL);

    /** The same settings with another bin count. */
    public CalibrationSettings withBins(int bins) {
        return new CalibrationSettings(bins, scheme, norm, scope);
    }

    /** A short human-readable description, e.g. {@code 20 equal-width bins, top-label, L1}. */
    public String describe() {
        return bins
                + " "
                + scheme
                + " bins, "
                + scope
                + ", "
                + norm.toUpperCase(java.util.Locale.ROOT);
    }
}
