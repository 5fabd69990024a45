package kd.common.shard;

import java.util.Objects;
import java.util.Set;
import kd.common.events.SoftLabelShardPublished;
import kd.common.store.ChecksumMismatchException;
import kd.common.store.ObjectRef;

/**
 * Reads an announced shard and accepts it only for the dataset and vocabulary a student trains on.
 *
 * <p>A shard is rejected ({@link ShardRejectedException}) when its bytes differ from the announced
 * size or SHA-256, when it is malformed, when it holds a different number of examples than
 * announced, when its dataset id, vocabulary hash or teacher differ from what is expected, or when
 * it names an example the dataset does not have. A store that cannot be reached is not a rejection:
 * that {@link kd.common.store.StoreException} passes through, so the caller can retry.
 *
 * <p>Shards are read whole: a shard needs its size in heap, twice while it is decoded.
 */
public final class ShardReader {

    private final BlobSource source;
    private final String datasetId;
    private final String vocabularyHash;
    private final Set<String> knownExampleIds;

    /**
     * @param source where shards are read, for example {@code store::get}
     * @param datasetId the dataset the student trains on
     * @param vocabularyHash the hash of that dataset's vocabulary
     * @param knownExampleIds the ids a shard may name, usually the transfer split's
     */
    public ShardReader(
            BlobSource source,
            String datasetId,
            String vocabularyHash,
            Set<String> knownExampleIds) {
        this.source = Objects.requireNonNull(source, "source");
        this.datasetId = Objects.requireNonNull(datasetId, "datasetId");
        this.vocabularyHash = Objects.requireNonNull(vocabularyHash, "vocabularyHash");
        this.knownExampleIds = Objects.requireNonNull(knownExampleIds, "knownExampleIds");
    }

    /** Reads the shard an event announces, checking it also against the event's teacher. */
    public SoftLabelShard read(SoftLabelShardPublished event) {
        String key = event.shard().key();
        if (!datasetId.equals(event.datasetId())) {
            throw new ShardRejectedException(
                    key, "announced for dataset " + event.datasetId() + ", expected " + datasetId);
        }
        SoftLabelShard shard = read(event.shard(), event.exampleCount());
        TeacherId teacher = shard.header().teacher();
        if (!teacher.modelId().equals(event.teacher())) {
            throw new ShardRejectedException(
                    key,
                    "written by teacher "
                            + teacher.modelId().key()
                            + ", announced for "
                            + event.teacher().key());
        }
        if (!teacher.runId().equals(event.meta().runId())) {
            throw new ShardRejectedException(
                    key,
                    "written in run " + teacher.runId() + ", announced in " + event.meta().runId());
        }
        return shard;
    }

    /** Reads a shard by its ref and checks it holds {@code exampleCount} expected examples. */
    public SoftLabelShard read(ObjectRef ref, int exampleCount) {
        String key = ref.key();
        SoftLabelShard shard;
        try {
            shard = ShardCodec.decode(source.get(ref));
        } catch (ChecksumMismatchException e) {
            throw new ShardRejectedException(key, e.getMessage(), e);
        } catch (ShardFormatException e) {
            throw new ShardRejectedException(key, "malformed: " + e.getMessage(), e);
        }

        ShardHeader header = shard.header();
        if (shard.exampleCount() != exampleCount) {
            throw new ShardRejectedException(
                    key, "holds " + shard.exampleCount() + " examples, announced " + exampleCount);
        }
        if (!datasetId.equals(header.datasetId())) {
            throw new ShardRejectedException(
                    key, "dataset id is " + header.datasetId() + ", expected " + datasetId);
        }
        if (!vocabularyHash.equals(header.vocabularyHash())) {
            throw new ShardRejectedException(
                    key,
                    "vocabulary hash is "
                            + header.vocabularyHash()
                            + ", expected "
                            + vocabularyHash);
        }
        for (SoftLabels labels : shard.examples()) {
            if (!knownExampleIds.contains(labels.exampleId())) {
                throw new ShardRejectedException(
                        key, "example " + labels.exampleId() + " is not in dataset " + datasetId);
            }
        }
        return shard;
    }
}
