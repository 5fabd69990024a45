package kd.common.events;

import kd.common.store.ObjectRef;

/**
 * A command or an input could not be processed; the service went on with the next one.
 *
 * @param runId the run, when it could be read from the input; else null
 * @param stage the service and step that failed
 * @param reason one line, for a person
 * @param payload the offending input, kept in the store; null when nothing was received
 */
public record PipelineFailed(EventMeta meta, String stage, String reason, ObjectRef payload)
        implements PipelineEvent {}
