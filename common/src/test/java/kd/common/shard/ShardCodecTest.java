package kd.common.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShardCodecTest {

    @ParameterizedTest
    @EnumSource(PayloadKind.class)
    void everyKindSurvivesARoundTripBitForBit(PayloadKind kind) {
        int positions = kind == PayloadKind.CLASSIFICATION ? 1 : 3;
        SoftLabelShard shard =
                new SoftLabelShard(
                        Shards.header(kind),
                        List.of(
                                Shards.labels(kind, "ex-1", positions),
                                Shards.labels(kind, "ex-2", positions == 1 ? 1 : 7),
                                Shards.labels(kind, "ex-ü", positions == 1 ? 1 : 0)));

        SoftLabelShard decoded = ShardCodec.decode(ShardCodec.encode(shard));

        assertEquals(shard, decoded);
        assertEquals(List.of("ex-1", "ex-2", "ex-ü"), decoded.exampleIds());
        SoftLabels second = decoded.get("ex-2");
        assertArrayEquals(shard.get("ex-2").ids(), second.ids());
        assertArrayEquals(shard.get("ex-2").values(), second.values());
        assertArrayEquals(shard.get("ex-2").tailLogMass(), second.tailLogMass());
    }

    @Test
    void oddFloatsKeepTheirBits() {
        float[] logits = {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY};
        SoftLabelShard shard =
                new SoftLabelShard(
                        ShardHeader.lmDense("ds", "vh", Shards.TEACHER, 4, 1f),
                        List.of(SoftLabels.dense("e", List.of(logits))));

        float[] back = ShardCodec.decode(ShardCodec.encode(shard)).get("e").logits(0);

        for (int i = 0; i < logits.length; i++) {
            assertEquals(Float.floatToRawIntBits(logits[i]), Float.floatToRawIntBits(back[i]));
        }
    }

    @Test
    void rowsComeBackPerPosition() {
        TopK first = TopK.of(new float[] {2, 1, 0, -1}, 2);
        TopK second = TopK.of(new float[] {-1, 0, 5, 1}, 2);
        SoftLabelShard shard =
                new SoftLabelShard(
                        ShardHeader.lmTopK("ds", "vh", Shards.TEACHER, 4, 2, 1f),
                        List.of(SoftLabels.topK("e", List.of(first, second))));

        SoftLabels back = ShardCodec.decode(ShardCodec.encode(shard)).get("e");

        assertEquals(first, back.topK(0));
        assertEquals(second, back.topK(1));
        assertArrayEquals(new int[] {2, 3}, back.topK(1).ids());
    }

    @Test
    void layoutOfATinyClassificationShard() {
        SoftLabelShard shard =
                new SoftLabelShard(
                        ShardHeader.classification(
                                "d", "v", new TeacherId("r", "lstm", 1, "c"), 2, 1f),
                        List.of(SoftLabels.classification("e1", new float[] {1.5f, -2f})));

        byte[] bytes = ShardCodec.encode(shard);

        // Offsets: magic 0, version 4, kind 6, reserved 7, outputs 8, k 12, temperature 16,
        // "d" 20 (length + 1 byte), "v" 25, "r" 30, "lstm" 35, seed 43, "c" 47, count 52,
        // entry "e1" 56 (length 4 + 2 bytes + positions 4), payload length 66, payload 74;
        // 2 floats end at 82.
        assertEquals(82, bytes.length);
        assertEquals(82, ShardCodec.encodedSize(shard));
        assertArrayEquals(
                new byte[] {'K', 'D', 'S', 'L', 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0},
                Arrays.copyOf(bytes, 16));
        ByteBuffer tail = ByteBuffer.wrap(bytes, 66, 16).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8L, tail.getLong()); // payload length
        assertEquals(1.5f, tail.getFloat());
        assertEquals(-2f, tail.getFloat());
    }

    @Test
    void manifestReadsWithoutThePayload() {
        SoftLabelShard shard =
                new SoftLabelShard(
                        Shards.header(PayloadKind.LM_SAMPLED),
                        List.of(
                                Shards.labels(PayloadKind.LM_SAMPLED, "a", 4),
                                Shards.labels(PayloadKind.LM_SAMPLED, "b", 2)));

        ShardManifest manifest = ShardCodec.decodeManifest(ShardCodec.encode(shard));

        assertEquals(Shards.header(PayloadKind.LM_SAMPLED), manifest.header());
        assertEquals(List.of("a", "b"), manifest.exampleIds());
        assertEquals(List.of(4, 2), manifest.positions());
        assertEquals(6, manifest.totalPositions());
    }

    @ParameterizedTest
    @EnumSource(PayloadKind.class)
    void bytesPerTokenMatchTheEncoding(PayloadKind kind) {
        ShardHeader header = Shards.header(kind);
        long measured;
        if (kind == PayloadKind.CLASSIFICATION) {
            // One more example "bb" costs its entry (4 + 2 + 4 bytes) plus its payload.
            long one = encodedLength(header, Shards.labels(kind, "aa", 1));
            long two =
                    encodedLength(
                            header, Shards.labels(kind, "aa", 1), Shards.labels(kind, "bb", 1));
            measured = two - one - 10;
        } else {
            measured =
                    encodedLength(header, Shards.labels(kind, "e", 9))
                            - encodedLength(header, Shards.labels(kind, "e", 8));
        }

        // Classification with 2 classes: 4·2; dense with V = 50: 4·50; top-5: 8·5 + 4;
        // 5 samples: 8·5.
        long expected =
                switch (kind) {
                    case CLASSIFICATION -> 8;
                    case LM_DENSE -> 200;
                    case LM_TOPK -> 44;
                    case LM_SAMPLED -> 40;
                };
        assertEquals(expected, measured);
        assertEquals(expected, ShardCodec.payloadBytesPerToken(kind, header.outputs(), 5));
        assertEquals(expected, header.payloadBytesPerPosition());
    }

    @Test
    void everyTruncationIsReportedAsSuch() {
        for (PayloadKind kind : PayloadKind.values()) {
            int positions = kind == PayloadKind.CLASSIFICATION ? 1 : 2;
            byte[] bytes =
                    ShardCodec.encode(
                            new SoftLabelShard(
                                    Shards.header(kind),
                                    List.of(
                                            Shards.labels(kind, "x", positions),
                                            Shards.labels(kind, "y", positions))));
            for (int length = 0; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                ShardFormatException e =
                        assertThrows(ShardFormatException.class, () -> ShardCodec.decode(cut));
                assertTrue(
                        e.getMessage().startsWith("truncated shard: "),
                        kind + " cut at " + length + ": " + e.getMessage());
            }
        }
    }

    @Test
    void truncationNamesWhatIsMissing() {
        byte[] bytes = tinyShard();

        ShardFormatException e =
                assertThrows(
                        ShardFormatException.class,
                        () -> ShardCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));

        // The manifest promises 8 payload bytes after the 8-byte length field; 5 are there.
        assertEquals("truncated shard: payload needs 8 bytes, only 5 left", e.getMessage());
    }

    @Test
    void wrongMagicIsNotAShard() {
        byte[] bytes = tinyShard();
        bytes[3] = 'M';

        ShardFormatException e =
                assertThrows(ShardFormatException.class, () -> ShardCodec.decode(bytes));

        assertEquals(
                "not a soft-label shard: magic bytes 4b44534d, expected 4b44534c (KDSL)",
                e.getMessage());
    }

    @Test
    void unknownVersionIsRefused() {
        byte[] bytes = tinyShard();
        bytes[4] = 2;

        ShardFormatException e =
                assertThrows(ShardFormatException.class, () -> ShardCodec.decode(bytes));

        assertEquals(
                "unsupported shard format version 2; this reader knows version 1", e.getMessage());
    }

    @Test
    void unknownKindIsRefused() {
        byte[] bytes = tinyShard();
        bytes[6] = 9;

        ShardFormatException e =
                assertThrows(ShardFormatException.class, () -> ShardCodec.decode(bytes));

        assertEquals("unknown payload kind code 9", e.getMessage());
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] bytes = Arrays.copyOf(tinyShard(), 85);

        ShardFormatException e =
                assertThrows(ShardFormatException.class, () -> ShardCodec.decode(bytes));

        assertEquals("3 unexpected bytes after the payload", e.getMessage());
    }

    @Test
    void payloadLengthFieldMustAgreeWithTheManifest() {
        byte[] bytes = tinyShard();
        bytes[66] = 12; // the int64 payload length at offset 66 (see the layout test)

        ShardFormatException e =
                assertThrows(ShardFormatException.class, () -> ShardCodec.decode(bytes));

        assertEquals(
                "payload length field says 12 bytes, the manifest describes 8", e.getMessage());
    }

    @Test
    void tokenIdOutsideTheVocabularyIsRefused() {
        SoftLabelShard shard =
                new SoftLabelShard(
                        ShardHeader.lmTopK("ds", "vh", Shards.TEACHER, 4, 2, 1f),
                        List.of(
                                SoftLabels.topK(
                                        "e",
                                        List.of(
                                                TopK.of(new float[] {2, 1, 0, -1}, 2),
                                                TopK.of(new float[] {2, 1, 0, -1}, 2)))));
        byte[] bytes = ShardCodec.encode(shard);
        // Payload: 2 × 2 ids, 2 × 2 logits, 2 tails = 40 bytes at the end; the third id is the
        // first of position 1.
        int thirdId = bytes.length - 40 + 8;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(thirdId, 4);

        ShardFormatException e =
                assertThrows(ShardFormatException.class, () -> ShardCodec.decode(bytes));

        assertEquals("example e position 1 has token id 4 outside [0, 4)", e.getMessage());
    }

    @Test
    void classificationExampleWithSeveralPositionsIsRefused() {
        byte[] bytes = tinyShard();
        bytes[62] = 2; // positions of "e1", at offset 56 + 4 + 2 (see the layout test)

        ShardFormatException e =
                assertThrows(ShardFormatException.class, () -> ShardCodec.decode(bytes));

        assertEquals("classification example e1 has 2 positions, not 1", e.getMessage());
    }

    @Test
    void labelsThatDoNotFitTheHeaderCannotFormAShard() {
        ShardHeader header = Shards.header(PayloadKind.LM_TOPK);
        SoftLabels dense = Shards.labels(PayloadKind.LM_DENSE, "e", 2);

        assertThrows(
                IllegalArgumentException.class, () -> new SoftLabelShard(header, List.of(dense)));
        SoftLabels same = Shards.labels(PayloadKind.LM_TOPK, "e", 2);
        assertThrows(
                IllegalArgumentException.class,
                () -> new SoftLabelShard(header, List.of(same, same)));
    }

    /** The 82-byte shard of {@link #layoutOfATinyClassificationShard}. */
    private static byte[] tinyShard() {
        return ShardCodec.encode(
                new SoftLabelShard(
                        ShardHeader.classification(
                                "d", "v", new TeacherId("r", "lstm", 1, "c"), 2, 1f),
                        List.of(SoftLabels.classification("e1", new float[] {1.5f, -2f}))));
    }

    private static long encodedLength(ShardHeader header, SoftLabels... examples) {
        return ShardCodec.encode(new SoftLabelShard(header, List.of(examples))).length;
    }
}
