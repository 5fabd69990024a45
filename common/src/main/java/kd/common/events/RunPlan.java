package kd.common.events;

import java.util.ArrayList;
import java.util.List;

/** Every model a run command trains: each teacher and each student variant, per seed. */
public final class RunPlan {

    private RunPlan() {}

    /** The models in the order the table lists them: teachers, then students. */
    public static List<ModelId> models(RunExperiment command) {
        List<ModelId> models = new ArrayList<>();
        for (int seed : command.seeds()) {
            for (RunExperiment.ModelSpec teacher : command.teachers()) {
                models.add(ModelId.teacher(teacher.model(), seed));
            }
            for (RunExperiment.StudentSpec student : command.students()) {
                if (student.modes().contains("baseline")) {
                    models.add(ModelId.student(student.model(), seed, null));
                }
                if (student.modes().contains("distilled")) {
                    for (RunExperiment.ModelSpec teacher : command.teachers()) {
                        models.add(ModelId.student(student.model(), seed, teacher.model()));
                    }
                }
            }
        }
        return models;
    }
}
