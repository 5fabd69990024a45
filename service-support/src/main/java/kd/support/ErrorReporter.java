package kd.support;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import kd.common.events.EventMeta;
import kd.common.events.PipelineFailed;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectRef;
import kd.common.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an input that cannot be processed into a {@link PipelineFailed} event: the offending
 * payload is kept in the store, the reason is one line, and the consumer goes on.
 */
@ApplicationScoped
public class ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    @Inject ObjectStore store;
    @Inject EventPublisher publisher;
    @Inject MeterRegistry registry;

    /**
     * @param runId the run, when it could be read; else null
     * @param stage service and step, e.g. {@code data-loader/command}
     * @param payload what was received, kept for a person to inspect; may be null
     */
    public PipelineFailed report(String runId, String stage, String reason, String payload) {
        String id = UUID.randomUUID().toString();
        String line = oneLine(reason);
        ObjectRef kept = null;
        if (payload != null) {
            try {
                kept =
                        store.put(
                                ObjectKeys.rejected(stage.replace('/', '-'), id),
                                payload.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.warn("could not keep the rejected payload of {}: {}", stage, e.getMessage());
            }
        }
        PipelineFailed failed = new PipelineFailed(EventMeta.of(runId, id), stage, line, kept);
        LOG.warn("run {}: {} rejected an input: {}", runId, stage, line);
        registry.counter(Metrics.ERRORS, "stage", stage).increment();
        publisher.publish(failed);
        return failed;
    }

    /** The first line of a message, without stack-trace noise, capped at 300 characters. */
    public static String oneLine(String reason) {
        String r = reason == null ? "unknown error" : reason.strip();
        int nl = r.indexOf('\n');
        if (nl >= 0) {
            r = r.substring(0, nl);
        }
        return r.length() > 300 ? r.substring(0, 297) + "..." : r;
    }
}
