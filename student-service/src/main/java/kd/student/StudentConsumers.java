package kd.student;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import kd.common.events.DatasetPrepared;
import kd.common.events.PipelineEvent;
import kd.common.events.SoftLabelShardPublished;
import kd.common.events.SoftLabelsCompleted;
import kd.common.json.Json;
import kd.support.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What starts a student: a prepared dataset (baselines) or a teacher's complete soft labels
 * (distilled students). Published shards are checked as they arrive.
 */
@ApplicationScoped
public class StudentConsumers {

    @Inject Inbox inbox;
    @Inject StudentRun students;
    @Inject ShardCheck shards;

    @Incoming("datasets-in")
    @Blocking("student-datasets")
    public void datasets(String payload) {
        inbox.handle(
                "student-service/datasets",
                payload,
                DatasetPrepared.class,
                students::trainBaselines);
    }

    @Incoming("teachers-in")
    @Blocking("student-teachers")
    public void teachers(String payload) {
        PipelineEvent event;
        try {
            event = Json.read(payload, PipelineEvent.class);
        } catch (RuntimeException e) {
            event = null;
        }
        if (event instanceof SoftLabelShardPublished) {
            inbox.handle(
                    "student-service/shards",
                    payload,
                    SoftLabelShardPublished.class,
                    shards::check);
        } else {
            inbox.handle(
                    "student-service/labels",
                    payload,
                    SoftLabelsCompleted.class,
                    students::trainDistilled);
        }
    }
}
