package kd.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectStore;

/**
 * Remembers which events a consumer has handled, in the object store, so that a redelivered event,
 * or one seen again after a restart, is not handled twice.
 */
@ApplicationScoped
public class EventLedger {

    @Inject ObjectStore store;

    public boolean handled(String consumer, String eventId) {
        return store.exists(ObjectKeys.processed(consumer, eventId));
    }

    public void markHandled(String consumer, String eventId) {
        store.put(
                ObjectKeys.processed(consumer, eventId),
                Instant.now().toString().getBytes(StandardCharsets.UTF_8));
    }
}
