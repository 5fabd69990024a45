package kd.common.metrics;

/**
 * One bar of a reliability diagram.
 *
 * @param confidence mean confidence of the bin's items; null when empty
 * @param accuracy accuracy of the bin's items; null when empty
 */
public record ReliabilityBin(
        double lower, double upper, int count, Double confidence, Double accuracy) {}
