package kd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import kd.common.json.Json;

/**
 * What {@code kd stack up} started, kept in {@code .kd/stack.json} for {@code kd stack down} and
 * {@code kd run}.
 *
 * @param pids process id of each part: kafka, s3 and the four services
 */
record StackState(
        String bootstrapServers,
        String storeEndpoint,
        Map<String, Long> pids,
        Map<String, Integer> ports) {

    static Path file(Workspace ws) {
        return ws.state().resolve("stack.json");
    }

    static Optional<StackState> read(Workspace ws) {
        Path file = file(ws);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(Files.readAllBytes(file), StackState.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Workspace ws) {
        try {
            Files.createDirectories(ws.state());
            Files.write(file(ws), Json.writeBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
