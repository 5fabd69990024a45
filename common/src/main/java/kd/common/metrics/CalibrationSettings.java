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

    /** The paper's settings: 20 equal-width bins over the top-label confidence, L1. */
    public static final CalibrationSettings PAPER =
            new CalibrationSettings(20, "equal-width", "l1", "top-label");
}
