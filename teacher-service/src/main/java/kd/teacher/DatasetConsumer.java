package kd.teacher;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import kd.common.events.DatasetPrepared;
import kd.support.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Trains a run's teachers and publishes their soft labels once its dataset is prepared. */
@ApplicationScoped
public class DatasetConsumer {

    static final String CONSUMER = "teacher-service/datasets";

    @Inject Inbox inbox;
    @Inject TeacherRun teachers;

    @Incoming("datasets-in")
    @Blocking("teacher-training")
    public void consume(String payload) {
        inbox.handle(CONSUMER, payload, DatasetPrepared.class, teachers::trainAndLabel);
    }
}
