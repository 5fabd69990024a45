package kd.common.events;

/**
 * A run command passed validation and its dataset is being prepared.
 *
 * @param command the command with every default filled in
 */
public record RunAccepted(EventMeta meta, RunExperiment command) implements PipelineEvent {}
