package kd.common.events;

import kd.common.store.ObjectRef;

/** A teacher finished training; its checkpoint is in the store. */
public record TeacherTrained(
        EventMeta meta,
        ModelId model,
        String datasetId,
        ObjectRef checkpoint,
        TrainingSummary summary)
        implements PipelineEvent {}
