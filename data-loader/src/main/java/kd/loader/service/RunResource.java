package kd.loader.service;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import kd.common.events.RunDefaults;
import kd.common.events.RunExperiment;
import kd.common.events.RunValidator;
import kd.common.json.Json;
import kd.support.Inbox;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * {@code POST /runs}: publishes a run command to {@code kd.runs}, for people without a Kafka
 * client. The command is checked first, so a bad one is answered with 400 and one line.
 */
@Path("/runs")
public class RunResource {

    @Inject
    @Channel("runs-out")
    Emitter<String> runs;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(String body) {
        RunExperiment command;
        List<String> problems;
        try {
            command = RunDefaults.apply(Json.readStrict(body, RunExperiment.class));
            problems = RunValidator.problems(command);
        } catch (RuntimeException e) {
            return badRequest("malformed run command: " + Inbox.rootMessage(e));
        }
        if (!problems.isEmpty()) {
            return badRequest("invalid run command: " + problems.get(0));
        }
        try {
            runs.send(
                    Message.of(body)
                            .addMetadata(
                                    OutgoingKafkaRecordMetadata.<String>builder()
                                            .withKey(command.runId())
                                            .build()));
        } catch (RuntimeException e) {
            return Response.status(503)
                    .entity(Map.of("error", "cannot publish: " + Inbox.rootMessage(e)))
                    .build();
        }
        return Response.accepted(Map.of("runId", command.runId(), "topic", "kd.runs")).build();
    }

    private static Response badRequest(String reason) {
        return Response.status(400).entity(Map.of("error", reason)).build();
    }
}
