package kd.common.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kd.common.events.DatasetPrepared;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectRef;
import kd.common.store.ObjectStore;

/**
 * A prepared dataset in the object store, under {@code datasets/<id>/}: a manifest, a vocabulary
 * and one object per split and minimal-pair set. The id is a content address, so a dataset that is
 * already there is never written again.
 */
public final class DatasetStore {

    /** Where the parts of a dataset are, with their sizes and hashes. */
    public record Stored(
            String datasetId,
            ObjectRef manifest,
            ObjectRef vocabulary,
            Map<String, ObjectRef> splits,
            Map<String, ObjectRef> minimalPairs,
            int vocabularySize) {}

    private final ObjectStore store;

    public DatasetStore(ObjectStore store) {
        this.store = store;
    }

    /** Writes a dataset. The manifest goes last: a dataset with a manifest is complete. */
    public Stored write(PreparedDataset dataset) {
        String id = dataset.id();
        ObjectRef vocabulary =
                store.put(
                        ObjectKeys.dataset(id, "vocabulary.json"),
                        DatasetCodec.encodeVocabulary(dataset.vocabulary()));
        Map<String, ObjectRef> splits = new TreeMap<>();
        dataset.splits()
                .forEach(
                        (name, examples) ->
                                splits.put(
                                        name,
                                        store.put(
                                                ObjectKeys.dataset(id, "splits/" + name + ".bin"),
                                                DatasetCodec.encodeExamples(examples))));
        Map<String, ObjectRef> pairs = new TreeMap<>();
        dataset.minimalPairs()
                .forEach(
                        (name, list) ->
                                pairs.put(
                                        name,
                                        store.put(
                                                ObjectKeys.dataset(id, "pairs/" + name + ".bin"),
                                                DatasetCodec.encodePairs(list))));
        ObjectRef manifest =
                store.put(ObjectKeys.dataset(id, "manifest.json"), dataset.manifest().toJson());
        return new Stored(id, manifest, vocabulary, splits, pairs, dataset.vocabulary().size());
    }

    /** The stored parts of a complete dataset, or empty when it was never fully written. */
    public Optional<Stored> find(String datasetId) {
        Optional<ObjectRef> manifest = store.find(ObjectKeys.dataset(datasetId, "manifest.json"));
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        ObjectRef vocabulary =
                store.find(ObjectKeys.dataset(datasetId, "vocabulary.json")).orElseThrow();
        Map<String, ObjectRef> splits = refsUnder(ObjectKeys.dataset(datasetId, "splits") + "/");
        Map<String, ObjectRef> pairs = refsUnder(ObjectKeys.dataset(datasetId, "pairs") + "/");
        int size = DatasetCodec.decodeVocabulary(store.get(vocabulary)).size();
        return Optional.of(new Stored(datasetId, manifest.get(), vocabulary, splits, pairs, size));
    }

    /** Reads every part a {@link DatasetPrepared} event points at, checking each hash. */
    public PreparedDataset read(DatasetPrepared event) {
        Vocabulary vocabulary = DatasetCodec.decodeVocabulary(store.get(event.vocabulary()));
        Map<String, List<Example>> splits = new LinkedHashMap<>();
        event.splits()
                .forEach(
                        (name, ref) ->
                                splits.put(name, DatasetCodec.decodeExamples(store.get(ref))));
        Map<String, List<MinimalPair>> pairs = new LinkedHashMap<>();
        event.minimalPairs()
                .forEach((name, ref) -> pairs.put(name, DatasetCodec.decodePairs(store.get(ref))));
        DatasetManifest manifest = DatasetManifest.fromJson(store.get(event.manifest()));
        return new PreparedDataset(event.datasetId(), vocabulary, splits, pairs, manifest);
    }

    private Map<String, ObjectRef> refsUnder(String prefix) {
        Map<String, ObjectRef> refs = new TreeMap<>();
        for (String key : store.list(prefix)) {
            String name = key.substring(prefix.length(), key.lastIndexOf('.'));
            refs.put(name, store.find(key).orElseThrow());
        }
        return refs;
    }
}
