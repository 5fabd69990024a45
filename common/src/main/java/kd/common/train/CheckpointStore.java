package kd.common.train;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Where a training run keeps its checkpoints; one store per model and run. */
public interface CheckpointStore {

    Optional<byte[]> load(String name);

    void save(String name, byte[] bytes);

    /** A store that keeps nothing: every run starts from scratch. */
    static CheckpointStore none() {
        return new CheckpointStore() {
            @Override
            public Optional<byte[]> load(String name) {
                return Optional.empty();
            }

            @Override
            public void save(String name, byte[] bytes) {}
        };
    }

    /** A store in this process's memory, for tests and single-process runs. */
    static CheckpointStore inMemory() {
        Map<String, byte[]> saved = new HashMap<>();
        return new CheckpointStore() {
            @Override
            public synchronized Optional<byte[]> load(String name) {
                return Optional.ofNullable(saved.get(name));
            }

            @Override
            public synchronized void save(String name, byte[] bytes) {
                saved.put(name, bytes.clone());
            }
        };
    }
}
