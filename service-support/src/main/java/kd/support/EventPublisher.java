package kd.support;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kd.common.events.PipelineEvent;
import kd.common.events.Topics;
import kd.common.json.Json;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes pipeline events through the {@code events-out} channel, each to its topic, keyed by run
 * id so that a run's events stay in order.
 */
@ApplicationScoped
public class EventPublisher {

    @Inject
    @Channel("events-out")
    Emitter<String> emitter;

    /** Sends an event and waits until the broker has it. */
    public void publish(PipelineEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        String key = event.runId() == null ? "unknown" : event.runId();
        Message<String> message =
                Message.of(Json.write(event))
                        .addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder()
                                        .withTopic(Topics.of(event))
                                        .withKey(key)
                                        .build())
                        .withAck(
                                () -> {
                                    acked.complete(null);
                                    return CompletableFuture.completedFuture(null);
                                })
                        .withNack(
                                e -> {
                                    acked.completeExceptionally(e);
                                    return CompletableFuture.completedFuture(null);
                                });
        emitter.send(message);
        try {
            acked.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot publish " + event.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }
}
