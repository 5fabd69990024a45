package kd.common.events;

import java.util.Map;
import kd.common.store.ObjectRef;

/**
 * A dataset is ready in the object store.
 *
 * @param command the run command, so that later stages need no other source for it
 * @param datasetId content address: the same sources and parameters give the same id
 * @param manifest counts, histograms and rejected lines
 * @param vocabulary one token a line, ids in line order
 * @param splits encoded examples of train, validation, test and each extra test set
 * @param minimalPairs encoded minimal-pair sets, by name
 * @param vocabularySize tokens in the vocabulary, special tokens included
 * @param vocabularyHash SHA-256 of the vocabulary object
 */
public record DatasetPrepared(
        EventMeta meta,
        RunExperiment command,
        String datasetId,
        ObjectRef manifest,
        ObjectRef vocabulary,
        Map<String, ObjectRef> splits,
        Map<String, ObjectRef> minimalPairs,
        int vocabularySize,
        String vocabularyHash)
        implements PipelineEvent {}
