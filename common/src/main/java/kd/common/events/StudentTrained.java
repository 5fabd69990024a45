package kd.common.events;

import kd.common.store.ObjectRef;

/** A student finished training; its checkpoint is in the store. */
public record StudentTrained(
        EventMeta meta,
        ModelId model,
        String datasetId,
        ObjectRef checkpoint,
        TrainingSummary summary)
        implements PipelineEvent {}
