package kd.common.shard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectRef;
import kd.common.store.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a teacher's soft labels into shards and stores each one before announcing it.
 *
 * <p>Examples are added in order; a shard is closed as soon as its encoded size reaches the target,
 * so every shard but the last is at least the target and exceeds it by less than one example. Each
 * closed shard is written whole to the sink, and only when the sink has returned its ref is the
 * listener told. Shard {@code i} of a teacher is stored under {@link #key(TeacherId, int)}; written
 * again from the same labels it has the same bytes and the same SHA-256.
 *
 * <p>Not thread-safe: one writer per teacher and run, fed from one thread.
 */
public final class ShardWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ShardWriter.class);

    private final ShardHeader header;
    private final long targetBytes;
    private final BlobSink sink;
    private final Consumer<PublishedShard> listener;
    private final long emptySize;
    private final List<SoftLabels> pending = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final List<PublishedShard> published = new ArrayList<>();
    private long pendingSize;
    private boolean finished;

    /**
     * @param header what every shard of this teacher shares
     * @param targetBytes the encoded size at which a shard is closed
     * @param sink where shards are stored, for example {@code store::put}
     * @param listener told of each shard once it is stored, in index order
     */
    public ShardWriter(
            ShardHeader header,
            long targetBytes,
            BlobSink sink,
            Consumer<PublishedShard> listener) {
        if (targetBytes < 1) {
            throw new IllegalArgumentException("target shard size must be positive");
        }
        this.header = Objects.requireNonNull(header, "header");
        this.targetBytes = targetBytes;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.emptySize = ShardCodec.fixedSize(header);
        this.pendingSize = emptySize;
    }

    /** The object key of shard {@code index}: {@code runs/<run>/soft-labels/<teacher>/...}. */
    public static String key(TeacherId teacher, int index) {
        return ObjectKeys.run(
                teacher.runId(),
                String.format("soft-labels/%s/shard-%05d.bin", teacher.modelId().key(), index));
    }

    /**
     * The hash {@code SoftLabelsCompleted} carries: SHA-256 of the shards' SHA-256 hex strings
     * joined by '\n' (no trailing newline), in index order.
     */
    public static String shardListSha256(List<ObjectRef> shards) {
        List<String> hashes = new ArrayList<>(shards.size());
        for (ObjectRef ref : shards) {
            hashes.add(ref.sha256());
        }
        return Sha256.of(String.join("\n", hashes).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds one example's labels; stores and announces a shard when it reaches the target size.
     *
     * @throws IllegalArgumentException when the labels do not fit the header or the example was
     *     added before
     */
    public void add(SoftLabels labels) {
        if (finished) {
            throw new IllegalStateException("the writer is finished");
        }
        header.check(labels);
        if (!seen.add(labels.exampleId())) {
            throw new IllegalArgumentException(
                    "example " + labels.exampleId() + " was already written");
        }
        pending.add(labels);
        pendingSize += ShardCodec.exampleSize(labels);
        if (pendingSize >= targetBytes) {
            flush();
        }
    }

    /**
     * Stores and announces what is left, and returns every shard of this writer in index order.
     * Nothing is stored for an empty remainder.
     */
    public List<PublishedShard> finish() {
        if (!pending.isEmpty()) {
            flush();
        }
        finished = true;
        return List.copyOf(published);
    }

    /** The shards stored so far, in index order. */
    public List<PublishedShard> published() {
        return List.copyOf(published);
    }

    /** Examples in stored shards. */
    public long exampleCount() {
        long count = 0;
        for (PublishedShard shard : published) {
            count += shard.exampleCount();
        }
        return count;
    }

    private void flush() {
        int index = published.size();
        SoftLabelShard shard = new SoftLabelShard(header, pending);
        byte[] bytes = ShardCodec.encode(shard);
        ObjectRef ref = sink.put(key(header.teacher(), index), bytes);
        PublishedShard done = new PublishedShard(index, ref, shard.exampleCount());
        published.add(done);
        pending.clear();
        pendingSize = emptySize;
        LOG.info(
                "Stored soft-label shard {} of run {}: {} examples, {} bytes",
                ref.key(),
                header.teacher().runId(),
                done.exampleCount(),
                ref.size());
        listener.accept(done);
    }
}
