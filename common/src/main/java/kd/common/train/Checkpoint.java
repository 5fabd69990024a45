package kd.common.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import kd.common.json.Json;

/**
 * The state after a completed epoch: model parameters plus everything the loop needs to go on, but
 * not the optimiser's moments (Adam restarts from zero moments after a resume; the learning rate
 * schedule continues where it was).
 *
 * <p>Bytes: magic "KDCK", format version, the {@link State} as JSON (length-prefixed), the
 * parameters (length-prefixed).
 */
record Checkpoint(State state, byte[] parameters) {

    static final String NAME = "last-epoch";
    static final String BEST = "best-epoch";

    private static final int MAGIC = 0x4B44434B;
    private static final int VERSION = 1;

    /**
     * @param fingerprint the model and training settings that must match to resume (epochs and
     *     device excluded, so a run can be resumed with a larger budget or elsewhere)
     */
    record State(
            String fingerprint,
            int epochs,
            List<Double> trainLoss,
            List<Double> validationLoss,
            List<Double> validationAccuracy,
            double wallSeconds,
            double bestValidationLoss,
            int bestEpoch,
            boolean stoppedEarly) {

        static State fresh(String fingerprint) {
            return new State(
                    fingerprint, 0, List.of(), List.of(), List.of(), 0, Double.MAX_VALUE, 0, false);
        }

        State next(
                double train,
                double validation,
                double accuracy,
                double seconds,
                boolean improved,
                boolean stop) {
            List<Double> t = new ArrayList<>(trainLoss);
            List<Double> v = new ArrayList<>(validationLoss);
            List<Double> a = new ArrayList<>(validationAccuracy);
            t.add(train);
            v.add(validation);
            a.add(accuracy);
            return new State(
                    fingerprint,
                    epochs + 1,
                    t,
                    v,
                    a,
                    wallSeconds + seconds,
                    improved ? validation : bestValidationLoss,
                    improved ? epochs + 1 : bestEpoch,
                    stop);
        }
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            byte[] json = Json.write(state).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            out.writeInt(parameters.length);
            out.write(parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Checkpoint fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException("not a training checkpoint of this version");
            }
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            byte[] params = new byte[in.readInt()];
            in.readFully(params);
            State state = Json.mapper().readValue(json, State.class);
            return new Checkpoint(state, params);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable training checkpoint: " + e.getMessage());
        }
    }
}
