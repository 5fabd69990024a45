package kd.loader.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import kd.common.events.RunExperiment;
import kd.common.json.Json;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectRef;
import kd.common.store.ObjectStore;

/**
 * Remembers every run command in the store, so that the same command delivered twice starts one
 * run, and a run id cannot be reused for a different command.
 */
@ApplicationScoped
public class RunRegistry {

    public enum Outcome {
        NEW,
        ALREADY_DONE,
        CONFLICT
    }

    @Inject ObjectStore store;

    public Outcome register(RunExperiment command) {
        String key = ObjectKeys.run(command.runId(), "command.json");
        byte[] bytes = Json.writeBytes(command);
        Optional<ObjectRef> existing = store.find(key);
        if (existing.isPresent()) {
            if (!Arrays.equals(store.get(key), bytes)) {
                return Outcome.CONFLICT;
            }
            if (store.exists(DatasetPublisher.preparedKey(command.runId()))) {
                return Outcome.ALREADY_DONE;
            }
            return Outcome.NEW;
        }
        store.put(key, bytes);
        return Outcome.NEW;
    }
}
