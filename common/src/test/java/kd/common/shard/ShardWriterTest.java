package kd.common.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import kd.common.store.ObjectRef;
import org.junit.jupiter.api.Test;

class ShardWriterTest {

    private final MemoryBlobs blobs = new MemoryBlobs();
    private final List<PublishedShard> announced = new ArrayList<>();

    @Test
    void cutsShardsAtTheTargetSize() {
        // Header of Shards.header(CLASSIFICATION): 56 fixed bytes + "ds" "vh" "run-1" "lstm"
        // "ab12" (17) = 73. Each example "ex-NNN": 4 + 6 + 4 + 2 floats (8) = 22 bytes.
        // Target 173: four examples make 161, the fifth 183, so shards of 5; 103 examples give
        // 20 shards of 5 (183 bytes) and one of 3 (73 + 66 = 139 bytes).
        ShardWriter writer =
                new ShardWriter(
                        Shards.header(PayloadKind.CLASSIFICATION), 173, blobs, announced::add);
        for (int i = 0; i < 103; i++) {
            writer.add(Shards.labels(PayloadKind.CLASSIFICATION, String.format("ex-%03d", i), 1));
        }

        List<PublishedShard> shards = writer.finish();

        assertEquals(21, shards.size());
        assertEquals(shards, announced);
        for (int i = 0; i < 21; i++) {
            PublishedShard shard = shards.get(i);
            assertEquals(i, shard.index());
            assertEquals(i < 20 ? 5 : 3, shard.exampleCount());
            assertEquals(i < 20 ? 183 : 139, shard.ref().size());
            assertEquals(
                    String.format("runs/run-1/soft-labels/teacher-lstm-s7/shard-%05d.bin", i),
                    shard.ref().key());
        }
        assertEquals(103, writer.exampleCount());
    }

    @Test
    void everyExampleLandsInExactlyOneShardInOrder() {
        List<String> added = new ArrayList<>();
        ShardWriter writer =
                new ShardWriter(Shards.header(PayloadKind.LM_TOPK), 2_000, blobs, announced::add);
        for (int i = 0; i < 60; i++) {
            String id = "s" + i;
            added.add(id);
            writer.add(Shards.labels(PayloadKind.LM_TOPK, id, 1 + i % 20));
        }

        List<PublishedShard> shards = writer.finish();

        List<String> stored = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            SoftLabelShard shard = ShardCodec.decode(blobs.objects.get(shards.get(i).ref().key()));
            stored.addAll(shard.exampleIds());
            assertEquals(shards.get(i).exampleCount(), shard.exampleCount());
            if (i < shards.size() - 1) {
                // Closed at the first example that reached the target, not later.
                List<SoftLabels> withoutLast =
                        shard.examples().subList(0, shard.exampleCount() - 1);
                assertTrue(shards.get(i).ref().size() >= 2_000);
                assertTrue(
                        ShardCodec.encode(new SoftLabelShard(shard.header(), withoutLast)).length
                                < 2_000);
            }
        }
        assertEquals(added, stored);
        assertTrue(shards.size() > 3, "shards: " + shards.size());
    }

    @Test
    void aShardIsInTheStoreBeforeItIsAnnounced() {
        ShardWriter writer =
                new ShardWriter(
                        Shards.header(PayloadKind.LM_SAMPLED),
                        1,
                        blobs,
                        shard -> {
                            byte[] stored = blobs.objects.get(shard.ref().key());
                            assertEquals(shard.ref().size(), stored.length);
                            assertEquals(shard.ref().sha256(), MemoryBlobs.sha256(stored));
                            announced.add(shard);
                        });

        writer.add(Shards.labels(PayloadKind.LM_SAMPLED, "a", 3));
        writer.add(Shards.labels(PayloadKind.LM_SAMPLED, "b", 4));

        // A target of one byte closes a shard after every example; nothing is left for finish.
        assertEquals(2, announced.size());
        assertEquals(announced, writer.finish());
        assertEquals(2, blobs.objects.size());
    }

    @Test
    void shardListHashIsTheHashOfTheShardHashesJoinedByNewlines() throws Exception {
        ShardWriter writer =
                new ShardWriter(Shards.header(PayloadKind.LM_DENSE), 5_000, blobs, shard -> {});
        for (int i = 0; i < 12; i++) {
            writer.add(Shards.labels(PayloadKind.LM_DENSE, "e" + i, 4));
        }
        List<ObjectRef> refs = new ArrayList<>();
        for (PublishedShard shard : writer.finish()) {
            refs.add(shard.ref());
        }

        StringBuilder joined = new StringBuilder();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < refs.size(); i++) {
            byte[] stored = blobs.objects.get(refs.get(i).key());
            joined.append(i == 0 ? "" : "\n").append(HexFormat.of().formatHex(sha.digest(stored)));
        }
        String expected =
                HexFormat.of()
                        .formatHex(sha.digest(joined.toString().getBytes(StandardCharsets.UTF_8)));

        assertTrue(refs.size() > 1, "shards: " + refs.size());
        assertEquals(expected, ShardWriter.shardListSha256(refs));
    }

    @Test
    void shardListHashOfKnownInputs() {
        // FIPS 180-2 test vector: SHA-256("abc"); and SHA-256 of the empty string.
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ShardWriter.shardListSha256(List.of(new ObjectRef("k", 1, "abc"))));
        assertEquals(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                ShardWriter.shardListSha256(List.of()));
    }

    @Test
    void refusesAnExampleTwiceAndLabelsOfAnotherKind() {
        ShardWriter writer =
                new ShardWriter(Shards.header(PayloadKind.LM_TOPK), 1 << 20, blobs, shard -> {});
        writer.add(Shards.labels(PayloadKind.LM_TOPK, "a", 2));

        assertThrows(
                IllegalArgumentException.class,
                () -> writer.add(Shards.labels(PayloadKind.LM_TOPK, "a", 3)));
        assertThrows(
                IllegalArgumentException.class,
                () -> writer.add(Shards.labels(PayloadKind.LM_DENSE, "b", 2)));
        assertEquals(1, writer.finish().size());
        assertThrows(
                IllegalStateException.class,
                () -> writer.add(Shards.labels(PayloadKind.LM_TOPK, "c", 2)));
    }

    @Test
    void sameLabelsSameBytes() {
        ShardWriter first =
                new ShardWriter(Shards.header(PayloadKind.LM_TOPK), 1 << 20, blobs, s -> {});
        first.add(Shards.labels(PayloadKind.LM_TOPK, "a", 5));
        byte[] before = blobs.objects.get(first.finish().get(0).ref().key()).clone();

        ShardWriter again =
                new ShardWriter(Shards.header(PayloadKind.LM_TOPK), 1 << 20, blobs, s -> {});
        again.add(Shards.labels(PayloadKind.LM_TOPK, "a", 5));
        byte[] after = blobs.objects.get(again.finish().get(0).ref().key());

        assertArrayEquals(before, after);
    }
}
