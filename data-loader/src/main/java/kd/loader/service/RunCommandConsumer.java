package kd.loader.service;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import kd.common.events.EventMeta;
import kd.common.events.RunAccepted;
import kd.common.events.RunDefaults;
import kd.common.events.RunExperiment;
import kd.common.events.RunValidator;
import kd.common.json.Json;
import kd.support.ErrorReporter;
import kd.support.EventPublisher;
import kd.support.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes run commands off {@code kd.runs}: checks each one, announces it, and prepares its dataset.
 * A command that cannot be read or is invalid becomes an error event; the next command is read as
 * usual.
 */
@ApplicationScoped
public class RunCommandConsumer {

    static final String STAGE = "data-loader/command";
    private static final Logger LOG = LoggerFactory.getLogger(RunCommandConsumer.class);

    @Inject ErrorReporter errors;
    @Inject EventPublisher publisher;
    @Inject DatasetPublisher datasets;
    @Inject RunRegistry runs;

    @Incoming("runs-in")
    @Blocking
    public void consume(String payload) {
        RunExperiment command;
        try {
            command = Json.readStrict(payload, RunExperiment.class);
        } catch (RuntimeException e) {
            errors.report(null, STAGE, "malformed run command: " + Inbox.rootMessage(e), payload);
            return;
        }
        if (command == null) {
            errors.report(null, STAGE, "malformed run command: empty document", payload);
            return;
        }
        RunExperiment full;
        List<String> problems;
        try {
            full = RunDefaults.apply(command);
            problems = RunValidator.problems(full);
        } catch (RuntimeException e) {
            errors.report(null, STAGE, "invalid run command: " + Inbox.rootMessage(e), payload);
            return;
        }
        String runId = RunValidator.validRunId(full.runId()) ? full.runId() : null;
        if (!problems.isEmpty()) {
            errors.report(runId, STAGE, "invalid run command: " + problems.get(0), payload);
            return;
        }

        switch (runs.register(full)) {
            case ALREADY_DONE -> {
                LOG.info("run {}: command seen before and its dataset is prepared; skipped", runId);
                return;
            }
            case CONFLICT -> {
                errors.report(
                        runId,
                        STAGE,
                        "run id " + runId + " is already used by a different command",
                        payload);
                return;
            }
            case NEW -> {}
        }
        publisher.publish(new RunAccepted(EventMeta.of(runId), full));
        LOG.info(
                "run {}: accepted ({} setup, {} data)",
                runId,
                full.setup(),
                full.dataset().format());

        try {
            datasets.prepareAndPublish(full);
        } catch (RuntimeException e) {
            errors.report(runId, "data-loader/prepare", Inbox.rootMessage(e), payload);
        }
    }
}
