package kd.common.events;

import java.util.List;

/** Every Kafka topic of the pipeline. Records are keyed by run id so that a run stays ordered. */
public final class Topics {

    /** Run commands ({@link RunExperiment}), published by people, the CLI or the HTTP endpoint. */
    public static final String RUNS = "kd.runs";

    /** {@link DatasetPrepared}. */
    public static final String DATASETS = "kd.datasets";

    /** {@link TeacherTrained}, {@link SoftLabelShardPublished}, {@link SoftLabelsCompleted}. */
    public static final String TEACHERS = "kd.teachers";

    /** {@link StudentTrained}. */
    public static final String STUDENTS = "kd.students";

    /** {@link ModelEvaluated}, {@link RunCompleted}. */
    public static final String EVALUATIONS = "kd.evaluations";

    /** {@link RunAccepted}, {@link TrainingProgress}: what a person watching a run wants to see. */
    public static final String PROGRESS = "kd.progress";

    /** {@link PipelineFailed}: a command or input that could not be processed. */
    public static final String ERRORS = "kd.errors";

    public static final List<String> ALL =
            List.of(RUNS, DATASETS, TEACHERS, STUDENTS, EVALUATIONS, PROGRESS, ERRORS);

    private Topics() {}

    /** The topic an event is published on. */
    public static String of(PipelineEvent event) {
        if (event instanceof DatasetPrepared) {
            return DATASETS;
        } else if (event instanceof TeacherTrained
                || event instanceof SoftLabelShardPublished
                || event instanceof SoftLabelsCompleted) {
            return TEACHERS;
        } else if (event instanceof StudentTrained) {
            return STUDENTS;
        } else if (event instanceof ModelEvaluated || event instanceof RunCompleted) {
            return EVALUATIONS;
        } else if (event instanceof TrainingProgress || event instanceof RunAccepted) {
            return PROGRESS;
        } else if (event instanceof PipelineFailed) {
            return ERRORS;
        }
        throw new IllegalArgumentException("no topic for " + event.getClass().getSimpleName());
    }
}
