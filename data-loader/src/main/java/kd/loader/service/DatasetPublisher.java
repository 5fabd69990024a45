package kd.loader.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import kd.common.data.DatasetStore;
import kd.common.data.PreparedDataset;
import kd.common.events.DatasetPrepared;
import kd.common.events.EventMeta;
import kd.common.events.RunExperiment;
import kd.common.json.Json;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectStore;
import kd.loader.prep.Preparer;
import kd.support.EventPublisher;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a run's dataset, writes it to the store unless a dataset with the same content address
 * is already there, and announces it with {@link DatasetPrepared}.
 */
@ApplicationScoped
public class DatasetPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetPublisher.class);

    @Inject ObjectStore store;
    @Inject EventPublisher publisher;
    @Inject MeterRegistry registry;

    @ConfigProperty(name = "kd.data.roots")
    List<String> roots;

    /** The object that records a run's {@link DatasetPrepared}, written after it is sent. */
    static String preparedKey(String runId) {
        return ObjectKeys.run(runId, "dataset-prepared.json");
    }

    public DatasetPrepared prepareAndPublish(RunExperiment command) {
        long started = System.nanoTime();
        Preparer preparer = new Preparer(roots.stream().map(Path::of).toList());
        DatasetStore datasets = new DatasetStore(store);

        // Preparing is deterministic, and the id is a content address: a dataset that is
        // already in the store is not written again.
        PreparedDataset dataset = preparer.prepare(command.dataset(), command.setup());
        String id = dataset.id();
        DatasetStore.Stored stored =
                datasets.find(id)
                        .map(
                                found -> {
                                    LOG.info(
                                            "run {}: dataset {} already in the store",
                                            command.runId(),
                                            id);
                                    return found;
                                })
                        .orElseGet(() -> datasets.write(dataset));

        DatasetPrepared event =
                new DatasetPrepared(
                        EventMeta.of(command.runId(), command.runId() + ".dataset"),
                        command,
                        stored.datasetId(),
                        stored.manifest(),
                        stored.vocabulary(),
                        stored.splits(),
                        stored.minimalPairs(),
                        stored.vocabularySize(),
                        stored.vocabulary().sha256());
        publisher.publish(event);
        store.put(preparedKey(command.runId()), Json.writeBytes(event));
        registry.counter("kd_datasets_prepared_total").increment();
        LOG.info(
                "run {}: dataset {} ready ({} splits, vocabulary {}) in {} s",
                command.runId(),
                id,
                stored.splits().size(),
                stored.vocabularySize(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return event;
    }
}
