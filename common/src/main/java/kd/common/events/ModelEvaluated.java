package kd.common.events;

import kd.common.metrics.AgreementAccuracy;
import kd.common.metrics.Calibration;

/**
 * One model evaluated on one test set.
 *
 * @param testSet {@code test} or the name of an extra test set
 * @param accuracy agreement accuracies; for the LM setup, from comparing verb forms
 * @param calibration null for the LM setup
 * @param perplexity token-level perplexity of an LM, end token included; null otherwise
 * @param excluded items left out because no verb pair was known (LM setup), else 0
 */
public record ModelEvaluated(
        EventMeta meta,
        ModelId model,
        String testSet,
        AgreementAccuracy accuracy,
        Calibration calibration,
        Double perplexity,
        int excluded)
        implements PipelineEvent {}
