package kd.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import kd.common.data.DatasetStore;
import kd.common.data.PreparedDataset;
import kd.common.events.DatasetPrepared;
import kd.common.json.Json;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectStore;

/**
 * Prepared datasets read from the store, kept for the next model of the same run. Holds the two
 * most recently used datasets; a service working on many large datasets at once re-reads them.
 */
@ApplicationScoped
public class DatasetCache {

    private static final int CAPACITY = 2;

    @Inject ObjectStore store;

    private final Map<String, PreparedDataset> cache =
            new LinkedHashMap<>(4, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PreparedDataset> eldest) {
                    return size() > CAPACITY;
                }
            };

    public synchronized PreparedDataset get(DatasetPrepared event) {
        PreparedDataset cached = cache.get(event.datasetId());
        if (cached == null) {
            cached = new DatasetStore(store).read(event);
            cache.put(event.datasetId(), cached);
        }
        return cached;
    }

    /** The {@link DatasetPrepared} of a run, as the data-loader recorded it. */
    public DatasetPrepared prepared(String runId) {
        return Json.read(
                store.get(ObjectKeys.run(runId, "dataset-prepared.json")), DatasetPrepared.class);
    }
}
