package kd.loader.prep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kd.common.data.DatasetCodec;
import kd.common.data.DatasetManifest;
import kd.common.data.Example;
import kd.common.data.MinimalPair;
import kd.common.data.PreparedDataset;
import kd.common.data.Vocabulary;

/**
 * A prepared dataset as files in one folder: {@code manifest.json}, {@code vocabulary.json}, one
 * {@code <split>.examples} per split (train, validation, test, extra test sets) and one {@code
 * <name>.pairs} per minimal-pair set, in the {@link DatasetCodec} format.
 */
public final class DatasetFolder {

    public static final String MANIFEST = "manifest.json";
    public static final String VOCABULARY = "vocabulary.json";
    public static final String EXAMPLES_SUFFIX = ".examples";
    public static final String PAIRS_SUFFIX = ".pairs";

    private DatasetFolder() {}

    /**
     * Writes {@code dataset} into {@code folder}, creating it, replacing files of the same names.
     * Each file is written beside its final name and then moved, so no file is ever half written;
     * the manifest comes last and marks the folder complete.
     *
     * @throws PreparationException when the folder cannot be written
     */
    public static void write(PreparedDataset dataset, Path folder) {
        try {
            Files.createDirectories(folder);
            put(folder, VOCABULARY, DatasetCodec.encodeVocabulary(dataset.vocabulary()));
            for (Map.Entry<String, List<Example>> split : dataset.splits().entrySet()) {
                put(
                        folder,
                        split.getKey() + EXAMPLES_SUFFIX,
                        DatasetCodec.encodeExamples(split.getValue()));
            }
            for (Map.Entry<String, List<MinimalPair>> set : dataset.minimalPairs().entrySet()) {
                put(folder, set.getKey() + PAIRS_SUFFIX, DatasetCodec.encodePairs(set.getValue()));
            }
            put(folder, MANIFEST, dataset.manifest().toJson());
        } catch (IOException e) {
            throw new PreparationException(
                    "cannot write the dataset to " + folder.getFileName() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Reads what {@link #write} wrote. Splits come in the order train, validation, test, then the
     * extra test sets by name.
     *
     * @throws PreparationException when a file is missing or unreadable
     */
    public static PreparedDataset read(Path folder) {
        try {
            DatasetManifest manifest =
                    DatasetManifest.fromJson(Files.readAllBytes(folder.resolve(MANIFEST)));
            Vocabulary vocabulary =
                    DatasetCodec.decodeVocabulary(Files.readAllBytes(folder.resolve(VOCABULARY)));
            List<String> names =
                    new ArrayList<>(
                            List.of(
                                    PreparedDataset.TRAIN,
                                    PreparedDataset.VALIDATION,
                                    PreparedDataset.TEST));
            manifest.counts().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
            Map<String, List<Example>> splits = new LinkedHashMap<>();
            for (String name : names) {
                splits.put(
                        name,
                        DatasetCodec.decodeExamples(
                                Files.readAllBytes(folder.resolve(name + EXAMPLES_SUFFIX))));
            }
            Map<String, List<MinimalPair>> pairs = new LinkedHashMap<>();
            for (String name : manifest.minimalPairs().keySet()) {
                pairs.put(
                        name,
                        DatasetCodec.decodePairs(
                                Files.readAllBytes(folder.resolve(name + PAIRS_SUFFIX))));
            }
            return new PreparedDataset(manifest.datasetId(), vocabulary, splits, pairs, manifest);
        } catch (IOException | RuntimeException e) {
            throw new PreparationException(
                    "cannot read a dataset from " + folder.getFileName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static void put(Path folder, String name, byte[] bytes) throws IOException {
        Path partial = folder.resolve(name + ".partial");
        Files.write(partial, bytes);
        Files.move(
                partial,
                folder.resolve(name),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
