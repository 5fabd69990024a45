package kd.common.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import kd.common.events.EventMeta;
import kd.common.events.ModelId;
import kd.common.events.SoftLabelShardPublished;
import kd.common.store.ObjectRef;
import org.junit.jupiter.api.Test;

class ShardReaderTest {

    private static final String KEY = "runs/run-1/soft-labels/teacher-lstm-s7/shard-00000.bin";
    private static final Set<String> KNOWN = Set.of("a", "b", "c", "d");

    private final MemoryBlobs blobs = new MemoryBlobs();
    private final ShardReader reader = new ShardReader(blobs, "ds", "vh", KNOWN);

    @Test
    void readsAShardOfTheExpectedDataset() {
        SoftLabelShardPublished event = publish(Shards.header(PayloadKind.LM_TOPK), "a", "b");

        SoftLabelShard shard = reader.read(event);

        assertEquals(
                new SoftLabelShard(
                        Shards.header(PayloadKind.LM_TOPK),
                        List.of(
                                Shards.labels(PayloadKind.LM_TOPK, "a", 3),
                                Shards.labels(PayloadKind.LM_TOPK, "b", 3))),
                shard);
        assertEquals(KEY, event.shard().key());
    }

    @Test
    void rejectsAnotherDataset() {
        SoftLabelShardPublished event =
                publish(Shards.header(PayloadKind.LM_TOPK, "ds-other", "vh"), "a");

        assertRejected(event, "dataset id is ds-other, expected ds");
    }

    @Test
    void rejectsAnEventAnnouncedForAnotherDataset() {
        SoftLabelShardPublished event = publish(Shards.header(PayloadKind.LM_TOPK), "a");
        SoftLabelShardPublished elsewhere =
                new SoftLabelShardPublished(
                        event.meta(), event.teacher(), "ds-2", 0, event.shard(), 1);

        assertRejected(elsewhere, "announced for dataset ds-2, expected ds");
    }

    @Test
    void rejectsAnotherVocabulary() {
        SoftLabelShardPublished event =
                publish(Shards.header(PayloadKind.LM_SAMPLED, "ds", "vh-2"), "a");

        assertRejected(event, "vocabulary hash is vh-2, expected vh");
    }

    @Test
    void rejectsAnUnknownExample() {
        SoftLabelShardPublished event = publish(Shards.header(PayloadKind.LM_DENSE), "a", "z");

        assertRejected(event, "example z is not in dataset ds");
    }

    @Test
    void rejectsAnotherExampleCountThanAnnounced() {
        SoftLabelShardPublished event = publish(Shards.header(PayloadKind.LM_DENSE), "a", "b");
        SoftLabelShardPublished miscounted =
                new SoftLabelShardPublished(
                        event.meta(), event.teacher(), "ds", 0, event.shard(), 3);

        assertRejected(miscounted, "holds 2 examples, announced 3");
    }

    @Test
    void rejectsAShardOfAnotherTeacher() {
        SoftLabelShardPublished event = publish(Shards.header(PayloadKind.LM_DENSE), "a");
        SoftLabelShardPublished other =
                new SoftLabelShardPublished(
                        event.meta(), ModelId.teacher("transformer", 7), "ds", 0, event.shard(), 1);

        assertRejected(
                other, "written by teacher teacher-lstm-s7, announced for teacher-transformer-s7");
    }

    @Test
    void rejectsBytesThatChangedAfterTheAnnouncement() {
        SoftLabelShardPublished event = publish(Shards.header(PayloadKind.LM_DENSE), "a");
        blobs.objects.get(KEY)[100] ^= 1;

        ShardRejectedException e =
                assertThrows(ShardRejectedException.class, () -> reader.read(event));

        assertEquals(KEY, e.shardKey());
        assertTrue(e.getMessage().startsWith("shard " + KEY + " rejected: checksum mismatch"));
    }

    @Test
    void rejectsBytesThatAreNotAShard() {
        ObjectRef ref = blobs.put(KEY, new byte[] {'P', 'K', 3, 4, 0, 0});

        ShardRejectedException e =
                assertThrows(ShardRejectedException.class, () -> reader.read(ref, 1));

        assertEquals(
                "shard "
                        + KEY
                        + " rejected: malformed: not a soft-label shard: magic bytes 504b0304,"
                        + " expected 4b44534c (KDSL)",
                e.getMessage());
    }

    private SoftLabelShardPublished publish(ShardHeader header, String... ids) {
        ShardWriter writer = new ShardWriter(header, 1 << 20, blobs, shard -> {});
        for (String id : ids) {
            writer.add(Shards.labels(header.kind(), id, 3));
        }
        PublishedShard shard = writer.finish().get(0);
        return new SoftLabelShardPublished(
                EventMeta.of("run-1"),
                ModelId.teacher("lstm", 7),
                "ds",
                shard.index(),
                shard.ref(),
                shard.exampleCount());
    }

    private void assertRejected(SoftLabelShardPublished event, String reason) {
        ShardRejectedException e =
                assertThrows(ShardRejectedException.class, () -> reader.read(event));

        assertEquals(KEY, e.shardKey());
        assertEquals(reason, e.reason());
        assertEquals("shard " + KEY + " rejected: " + reason, e.getMessage());
    }
}
