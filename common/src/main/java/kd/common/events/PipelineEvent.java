package kd.common.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** An event of the pipeline. Its JSON names its type in the {@code type} field. */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(RunAccepted.class),
    @JsonSubTypes.Type(DatasetPrepared.class),
    @JsonSubTypes.Type(TeacherTrained.class),
    @JsonSubTypes.Type(SoftLabelShardPublished.class),
    @JsonSubTypes.Type(SoftLabelsCompleted.class),
    @JsonSubTypes.Type(StudentTrained.class),
    @JsonSubTypes.Type(ModelEvaluated.class),
    @JsonSubTypes.Type(RunCompleted.class),
    @JsonSubTypes.Type(TrainingProgress.class),
    @JsonSubTypes.Type(PipelineFailed.class),
})
public sealed interface PipelineEvent
        permits RunAccepted,
                DatasetPrepared,
                TeacherTrained,
                SoftLabelShardPublished,
                SoftLabelsCompleted,
                StudentTrained,
                ModelEvaluated,
                RunCompleted,
                TrainingProgress,
                PipelineFailed {

    EventMeta meta();

    default String runId() {
        return meta().runId();
    }
}
