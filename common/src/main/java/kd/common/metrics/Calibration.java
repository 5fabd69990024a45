package kd.common.metrics;

import java.util.List;

/**
 * Calibration of a classifier's probabilities.
 *
 * @param ece expected calibration error under {@code settings}
 * @param nll mean negative log-likelihood of the gold label (natural log)
 * @param brier mean Brier score over both classes
 */
public record Calibration(
        CalibrationSettings settings,
        double ece,
        List<ReliabilityBin> reliability,
        double nll,
        double brier) {}
