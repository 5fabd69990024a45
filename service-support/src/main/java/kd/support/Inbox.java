package kd.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import kd.common.events.PipelineEvent;
import kd.common.events.RunValidator;
import kd.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a service takes an event off Kafka: parse it, skip it when this consumer has handled
 * its event id before, act, remember. Nothing that goes wrong stops the consumer: a bad payload or
 * a failed action becomes a {@code PipelineFailed} event and the next record is read.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    @Inject EventLedger ledger;
    @Inject ErrorReporter errors;

    /**
     * @param consumer names the consumer in the ledger, e.g. {@code teacher-service/datasets}
     * @param type the event type this consumer acts on; other types on the topic are skipped
     */
    public <E extends PipelineEvent> void handle(
            String consumer, String payload, Class<E> type, Consumer<E> action) {
        PipelineEvent event;
        try {
            event = Json.read(payload, PipelineEvent.class);
        } catch (RuntimeException e) {
            errors.report(null, consumer, "unreadable event: " + rootMessage(e), payload);
            return;
        }
        if (!type.isInstance(event)) {
            return;
        }
        String eventId = event.meta() == null ? null : event.meta().eventId();
        if (eventId == null || !RunValidator.validRunId(eventId)) {
            errors.report(event.runId(), consumer, "event without a usable eventId", payload);
            return;
        }
        if (ledger.handled(consumer, eventId)) {
            LOG.info(
                    "run {}: {} already handled event {}; skipped",
                    event.runId(),
                    consumer,
                    eventId);
            return;
        }
        try {
            action.accept(type.cast(event));
        } catch (RuntimeException e) {
            LOG.error("run {}: {} failed on event {}", event.runId(), consumer, eventId, e);
            errors.report(event.runId(), consumer, rootMessage(e), payload);
        }
        ledger.markHandled(consumer, eventId);
    }

    /** The innermost message of an exception chain: usually the one a person can act on. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return ErrorReporter.oneLine(m);
    }
}
