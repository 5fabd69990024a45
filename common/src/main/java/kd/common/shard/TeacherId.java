package kd.common.shard;

import java.util.Objects;
import kd.common.events.ModelId;

/**
 * Which trained teacher produced a shard.
 *
 * @param runId the run the teacher belongs to
 * @param model architecture name
 * @param seed training seed
 * @param checkpointSha256 lower-case hex SHA-256 of the checkpoint the soft labels came from
 */
public record TeacherId(String runId, String model, int seed, String checkpointSha256) {

    public TeacherId {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(checkpointSha256, "checkpointSha256");
    }

    /** The teacher as the events name it. */
    public ModelId modelId() {
        return ModelId.teacher(model, seed);
    }
}
