package kd.common.events;

/**
 * Progress of a long stage, sent at a steady interval.
 *
 * @param stage {@code prepare}, {@code teacher}, {@code labelling}, {@code student} or {@code
 *     evaluate}
 * @param etaSeconds estimated seconds left in this stage for this model; negative when unknown
 */
public record TrainingProgress(
        EventMeta meta,
        String stage,
        String model,
        int epoch,
        int epochs,
        double loss,
        double examplesPerSecond,
        double etaSeconds)
        implements PipelineEvent {}
