package kd.evaluator.service;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import kd.common.events.PipelineEvent;
import kd.common.events.StudentTrained;
import kd.common.events.TeacherTrained;
import kd.common.json.Json;
import kd.support.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Evaluates every teacher and student as soon as it is trained. */
@ApplicationScoped
public class ModelConsumer {

    @Inject Inbox inbox;
    @Inject Evaluations evaluations;

    @Incoming("models-in")
    @Blocking
    public void consume(String payload) {
        PipelineEvent event;
        try {
            event = Json.read(payload, PipelineEvent.class);
        } catch (RuntimeException e) {
            event = null;
        }
        if (event instanceof StudentTrained) {
            inbox.handle(
                    "evaluator-service/students",
                    payload,
                    StudentTrained.class,
                    s -> evaluations.evaluate(s.model(), s.checkpoint(), s.runId()));
        } else if (event instanceof TeacherTrained || event == null) {
            inbox.handle(
                    "evaluator-service/teachers",
                    payload,
                    TeacherTrained.class,
                    t -> evaluations.evaluate(t.model(), t.checkpoint(), t.runId()));
        }
    }
}
