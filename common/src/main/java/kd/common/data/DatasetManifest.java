package kd.common.data;

import java.util.List;
import java.util.SortedMap;
import kd.common.json.Json;

/**
 * What a prepared dataset was made from and what it holds; stored as JSON next to the data.
 *
 * <p>Histogram keys are the counted quantity; the key -1 counts items where it is unknown (a
 * numpred prefix has no distance). Maps are sorted by key so that the JSON is stable.
 *
 * @param datasetId content address: SHA-256 over format, sources and parameters
 * @param format {@code generated}, {@code numpred}, {@code linzen-tsv} or {@code conllu}
 * @param sources every file read, with its SHA-256; empty for {@code generated}
 * @param parameters every setting that shaped the data, defaults filled in, as text
 * @param counts per split (train, validation, test, extra test sets): items per label, keys {@code
 *     singular} and {@code plural}
 * @param distances per split: items per subject–verb distance
 * @param attractors per split: items per attractor count
 * @param minimalPairs pairs per minimal-pair set
 * @param vocabularySize tokens in the vocabulary, the five special tokens included
 * @param rejected input lines left out, in reading order
 */
public record DatasetManifest(
        String datasetId,
        String format,
        List<Source> sources,
        SortedMap<String, String> parameters,
        SortedMap<String, SortedMap<String, Integer>> counts,
        SortedMap<String, SortedMap<Integer, Integer>> distances,
        SortedMap<String, SortedMap<Integer, Integer>> attractors,
        SortedMap<String, Integer> minimalPairs,
        int vocabularySize,
        List<Rejected> rejected) {

    /**
     * One input file.
     *
     * @param role {@code train} for the split files, else the name of the extra test set
     * @param name the file name without its folder
     * @param sha256 lower-case hex SHA-256 of the file's bytes as stored (compressed if .gz)
     */
    public record Source(String role, String name, String sha256) {}

    /**
     * An input line that was left out.
     *
     * @param file the file name without its folder
     * @param line 1-based line number
     * @param reason one line of text
     */
    public record Rejected(String file, int line, String reason) {}

    /** Pretty-printed JSON. */
    public byte[] toJson() {
        return Json.writeBytes(this);
    }

    /** Reads what {@link #toJson} wrote. */
    public static DatasetManifest fromJson(byte[] json) {
        return Json.read(json, DatasetManifest.class);
    }
}
