package kd.common.metrics;

/**
 * Accuracy of the items that fall in one bin (one distance, or one attractor count).
 *
 * @param accuracy null when the bin is empty: an empty bin has no accuracy, not zero
 */
public record BinAccuracy(int bin, int count, Double accuracy) {}
