package kd.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event carries besides its facts.
 *
 * @param schemaVersion version of the event's JSON shape
 * @param eventId unique per event; consumers remember it to process each event once
 * @param runId the run the event belongs to, also the Kafka record key
 * @param timestamp when the event was created
 */
public record EventMeta(int schemaVersion, String eventId, String runId, Instant timestamp) {

    public static final int SCHEMA_VERSION = 1;

    public static EventMeta of(String runId) {
        return new EventMeta(SCHEMA_VERSION, UUID.randomUUID().toString(), runId, Instant.now());
    }

    /** A deterministic event id, for events that must be recognised when produced again. */
    public static EventMeta of(String runId, String eventId) {
        return new EventMeta(SCHEMA_VERSION, eventId, runId, Instant.now());
    }
}
