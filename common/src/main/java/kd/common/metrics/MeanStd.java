package kd.common.metrics;

import java.util.Collection;

/**
 * Mean and spread of one metric over seeds.
 *
 * <p>The spread is the sample standard deviation (divisor n − 1). One seed has no spread to
 * estimate; its std is reported as 0 rather than undefined, so a single-seed table still reads.
 */
public record MeanStd(int n, double mean, double std) {

    public static MeanStd of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        if (values.length == 1) {
            return new MeanStd(1, mean, 0);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new MeanStd(values.length, mean, Math.sqrt(squares / (values.length - 1)));
    }

    /** Over the non-null values; null when there are none. */
    public static MeanStd ofPresent(Collection<Double> values) {
        double[] present = values.stream().filter(v -> v != null).mapToDouble(v -> v).toArray();
        return present.length == 0 ? null : of(present);
    }
}
