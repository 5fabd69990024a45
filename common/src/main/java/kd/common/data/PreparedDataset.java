package kd.common.data;

import java.util.List;
import java.util.Map;

/**
 * A dataset ready for training and evaluation, in memory.
 *
 * @param id the content address, as in the manifest
 * @param vocabulary built from the train split only
 * @param splits {@code train}, {@code validation}, {@code test}, then each extra test set by name
 * @param minimalPairs minimal-pair sets by name (evaluation only)
 * @param manifest sources, parameters, counts and rejected lines
 */
public record PreparedDataset(
        String id,
        Vocabulary vocabulary,
        Map<String, List<Example>> splits,
        Map<String, List<MinimalPair>> minimalPairs,
        DatasetManifest manifest) {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
}
