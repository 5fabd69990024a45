package kd.common.shard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The byte layout of a soft-label shard, version 1.
 *
 * <p>All numbers are little-endian; a string is an int32 byte length followed by UTF-8 bytes.
 *
 * <pre>
 * magic            4 bytes  "KDSL"
 * format version   uint16   1
 * payload kind     uint8    {@link PayloadKind#code()}
 * reserved         uint8    0
 * outputs          int32    classes or vocabulary size
 * k                int32    entries per position; 0 for the dense kinds
 * temperature      float32
 * dataset id, vocabulary hash, teacher run id, teacher model   strings
 * teacher seed     int32
 * checkpoint sha   string
 * example count    int32    n
 * n entries        string example id, int32 positions
 * payload length   int64    bytes that follow; must be all that follows
 * payload          per example, in manifest order:
 *     CLASSIFICATION  C float32 logits                    (positions is 1)
 *     LM_DENSE        P × V float32 logits, row by row
 *     LM_TOPK         P × k int32 ids, P × k float32 logits, P float32 tail log-masses
 *     LM_SAMPLED      P × k int32 ids, P × k float32 probabilities
 * </pre>
 *
 * <p>Token ids are int32, never floats: a half-precision float cannot hold every id of a large
 * vocabulary. The store already checks the SHA-256 of the whole object, so the format carries no
 * checksum of its own.
 */
public final class ShardCodec {

    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = {'K', 'D', 'S', 'L'};
    // Magic, version, kind, reserved, outputs, k, temperature, seed, example count, payload
    // length, and the length prefixes of the five header strings.
    private static final int FIXED_BYTES = 4 + 2 + 1 + 1 + 4 + 4 + 4 + 4 + 4 + 8 + 5 * 4;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private ShardCodec() {}

    /**
     * Payload bytes per position of a payload kind: per token for the LM kinds, per example for
     * classification. Dense: 4·C; top-k: 8·k + 4 (ids, logits, tail); sampled: 8·k (ids,
     * probabilities). The manifest adds a small per-example cost on top (id and length).
     */
    public static long payloadBytesPerToken(PayloadKind kind, int outputs, int k) {
        return switch (kind) {
            case CLASSIFICATION, LM_DENSE -> 4L * outputs;
            case LM_TOPK -> 8L * k + 4;
            case LM_SAMPLED -> 8L * k;
        };
    }

    /** The exact length of {@link #encode}'s result. */
    public static long encodedSize(SoftLabelShard shard) {
        long size = fixedSize(shard.header());
        for (SoftLabels labels : shard.examples()) {
            size += exampleSize(labels);
        }
        return size;
    }

    /** Bytes of a shard with this header and no examples. */
    static long fixedSize(ShardHeader header) {
        TeacherId teacher = header.teacher();
        return FIXED_BYTES
                + utf8Length(header.datasetId())
                + utf8Length(header.vocabularyHash())
                + utf8Length(teacher.runId())
                + utf8Length(teacher.model())
                + utf8Length(teacher.checkpointSha256());
    }

    /** Bytes one example adds to a shard: its manifest entry and its payload. */
    static long exampleSize(SoftLabels labels) {
        return 4L
                + utf8Length(labels.exampleId())
                + 4
                + 4L
                        * (labels.ids().length
                                + (long) labels.values().length
                                + labels.tailLogMass().length);
    }

    public static byte[] encode(SoftLabelShard shard) {
        long size = encodedSize(shard);
        if (size > MAX_ARRAY) {
            throw new IllegalArgumentException("a shard of " + size + " bytes does not fit");
        }
        ShardHeader header = shard.header();
        TeacherId teacher = header.teacher();
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);

        out.put(MAGIC);
        out.putShort((short) FORMAT_VERSION);
        out.put((byte) header.kind().code());
        out.put((byte) 0);
        out.putInt(header.outputs());
        out.putInt(header.k());
        out.putFloat(header.temperature());
        putString(out, header.datasetId());
        putString(out, header.vocabularyHash());
        putString(out, teacher.runId());
        putString(out, teacher.model());
        out.putInt(teacher.seed());
        putString(out, teacher.checkpointSha256());

        out.putInt(shard.exampleCount());
        long payload = 0;
        for (SoftLabels labels : shard.examples()) {
            putString(out, labels.exampleId());
            out.putInt(labels.positions());
            payload += labels.positions() * header.payloadBytesPerPosition();
        }
        out.putLong(payload);

        for (SoftLabels labels : shard.examples()) {
            out.asIntBuffer().put(labels.ids());
            out.position(out.position() + 4 * labels.ids().length);
            out.asFloatBuffer().put(labels.values());
            out.position(out.position() + 4 * labels.values().length);
            out.asFloatBuffer().put(labels.tailLogMass());
            out.position(out.position() + 4 * labels.tailLogMass().length);
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("encoded size miscounted by " + out.remaining());
        }
        return out.array();
    }

    /** Decodes a whole shard; throws {@link ShardFormatException} on any inconsistency. */
    public static SoftLabelShard decode(byte[] bytes) {
        Decoder in = new Decoder(bytes);
        ShardManifest manifest = in.manifest();
        ShardHeader header = manifest.header();
        boolean sparse = header.kind().sparse();
        int width = sparse ? header.k() : header.outputs();

        List<SoftLabels> examples = new ArrayList<>(manifest.exampleCount());
        for (int e = 0; e < manifest.exampleCount(); e++) {
            String id = manifest.exampleIds().get(e);
            int positions = manifest.positions().get(e);
            int[] ids = in.ints(sparse ? positions * header.k() : 0);
            for (int j = 0; j < ids.length; j++) {
                if (ids[j] < 0 || ids[j] >= header.outputs()) {
                    throw new ShardFormatException(
                            String.format(
                                    "example %s position %d has token id %d outside [0, %d)",
                                    id, j / header.k(), ids[j], header.outputs()));
                }
            }
            float[] values = in.floats(positions * width);
            float[] tail = in.floats(header.kind() == PayloadKind.LM_TOPK ? positions : 0);
            examples.add(new SoftLabels(id, positions, ids, values, tail));
        }
        try {
            return new SoftLabelShard(header, examples);
        } catch (IllegalArgumentException e) {
            throw new ShardFormatException("inconsistent shard: " + e.getMessage());
        }
    }

    /**
     * Decodes the header and manifest only, after checking that the payload they describe is
     * exactly what follows them.
     */
    public static ShardManifest decodeManifest(byte[] bytes) {
        return new Decoder(bytes).manifest();
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.putInt(utf8.length);
        out.put(utf8);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Reads the layout front to back; every read first checks that the bytes are there. */
    private static final class Decoder {

        private final ByteBuffer in;

        Decoder(byte[] bytes) {
            this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        ShardManifest manifest() {
            need(MAGIC.length, "the magic bytes");
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ShardFormatException(
                        "not a soft-label shard: magic bytes "
                                + HexFormat.of().formatHex(magic)
                                + ", expected "
                                + HexFormat.of().formatHex(MAGIC)
                                + " (KDSL)");
            }
            need(2, "the format version");
            int version = Short.toUnsignedInt(in.getShort());
            if (version != FORMAT_VERSION) {
                throw new ShardFormatException(
                        "unsupported shard format version "
                                + version
                                + "; this reader knows version "
                                + FORMAT_VERSION);
            }

            need(1 + 1 + 4 + 4 + 4, "the header");
            int code = Byte.toUnsignedInt(in.get());
            PayloadKind kind = PayloadKind.ofCode(code);
            if (kind == null) {
                throw new ShardFormatException("unknown payload kind code " + code);
            }
            int reserved = Byte.toUnsignedInt(in.get());
            if (reserved != 0) {
                throw new ShardFormatException("reserved header byte is " + reserved + ", not 0");
            }
            int outputs = in.getInt();
            int k = in.getInt();
            float temperature = in.getFloat();
            String datasetId = string("dataset id");
            String vocabularyHash = string("vocabulary hash");
            String runId = string("teacher run id");
            String model = string("teacher model");
            need(4, "the teacher seed");
            int seed = in.getInt();
            String checkpoint = string("checkpoint sha256");
            ShardHeader header;
            try {
                header =
                        new ShardHeader(
                                kind,
                                outputs,
                                k,
                                temperature,
                                datasetId,
                                vocabularyHash,
                                new TeacherId(runId, model, seed, checkpoint));
            } catch (IllegalArgumentException e) {
                throw new ShardFormatException("inconsistent header: " + e.getMessage());
            }

            need(4, "the example count");
            int count = in.getInt();
            // Each entry takes at least 8 bytes, so a count the bytes cannot hold is caught here.
            if (count < 0) {
                throw new ShardFormatException("negative example count " + count);
            }
            if (count > in.remaining() / 8) {
                throw new ShardFormatException(
                        String.format(
                                "truncated shard: %d examples need at least %d manifest bytes,"
                                        + " only %d left",
                                count, 8L * count, in.remaining()));
            }
            List<String> ids = new ArrayList<>(count);
            List<Integer> positions = new ArrayList<>(count);
            Set<String> seen = new HashSet<>(count * 2);
            long payload = 0;
            long perPosition = header.payloadBytesPerPosition();
            for (int e = 0; e < count; e++) {
                String id = string("example id " + e);
                need(4, "the length of example " + id);
                int p = in.getInt();
                if (p < 0) {
                    throw new ShardFormatException("example " + id + " has " + p + " positions");
                }
                if (kind == PayloadKind.CLASSIFICATION && p != 1) {
                    throw new ShardFormatException(
                            "classification example " + id + " has " + p + " positions, not 1");
                }
                if (!seen.add(id)) {
                    throw new ShardFormatException("example " + id + " appears twice");
                }
                ids.add(id);
                positions.add(p);
                // Compared by division first, so a corrupt length cannot overflow the sum.
                long room = in.remaining() - payload;
                if (p > 0 && perPosition > room / p) {
                    throw new ShardFormatException(
                            String.format(
                                    "truncated shard: %d positions of %d bytes for example %s"
                                            + " do not fit in the %d bytes left",
                                    p, perPosition, id, in.remaining()));
                }
                payload += p * perPosition;
            }

            need(8, "the payload length");
            long declared = in.getLong();
            if (declared != payload) {
                throw new ShardFormatException(
                        "payload length field says "
                                + declared
                                + " bytes, the manifest describes "
                                + payload);
            }
            if (in.remaining() < payload) {
                throw new ShardFormatException(
                        "truncated shard: payload needs "
                                + payload
                                + " bytes, only "
                                + in.remaining()
                                + " left");
            }
            if (in.remaining() > payload) {
                throw new ShardFormatException(
                        (in.remaining() - payload) + " unexpected bytes after the payload");
            }
            return new ShardManifest(header, ids, positions);
        }

        int[] ints(int n) {
            need(4L * n, "payload ids");
            int[] values = new int[n];
            in.asIntBuffer().get(values);
            in.position(in.position() + 4 * n);
            return values;
        }

        float[] floats(int n) {
            need(4L * n, "payload values");
            float[] values = new float[n];
            in.asFloatBuffer().get(values);
            in.position(in.position() + 4 * n);
            return values;
        }

        private String string(String what) {
            need(4, "the length of the " + what);
            int length = in.getInt();
            if (length < 0) {
                throw new ShardFormatException("negative length " + length + " of the " + what);
            }
            need(length, "the " + what);
            ByteBuffer slice = in.slice().limit(length);
            in.position(in.position() + length);
            try {
                CharBuffer chars =
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(slice);
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw new ShardFormatException("the " + what + " is not valid UTF-8");
            }
        }

        private void need(long n, String what) {
            if (in.remaining() < n) {
                throw new ShardFormatException(
                        "truncated shard: "
                                + what
                                + " needs "
                                + n
                                + " bytes at offset "
                                + in.position()
                                + ", only "
                                + in.remaining()
                                + " left");
            }
        }
    }
}
