package kd.common.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import kd.common.json.Json;

/**
 * The byte format of prepared examples, minimal pairs and vocabularies.
 *
 * <p>An examples or pairs file starts with four magic bytes ({@code KDEX} or {@code KDMP}) and a
 * 4-byte big-endian format version, followed by a gzip stream. Inside it, integers are unsigned
 * LEB128 varints; fields that may be -1 are zigzag-encoded first; strings are {@link
 * DataOutputStream#writeUTF} strings; an int array is its length followed by its elements. The
 * stream holds the item count, then the items. The vocabulary is the JSON of {@link Vocabulary}.
 */
public final class DatasetCodec {

    /** Version written into every header; a reader refuses any other. */
    public static final int VERSION = 1;

    private static final int EXAMPLES_MAGIC = 0x4b444558; // "KDEX"
    private static final int PAIRS_MAGIC = 0x4b444d50; // "KDMP"

    private DatasetCodec() {}

    /** Encodes examples in list order. */
    public static byte[] encodeExamples(List<Example> examples) {
        return encode(
                EXAMPLES_MAGIC,
                out -> {
                    writeVarint(out, examples.size());
                    for (Example e : examples) {
                        out.writeUTF(e.id());
                        writeVarint(out, e.label());
                        writeArray(out, e.input());
                        writeArray(out, e.sentence());
                        writeSigned(out, e.verbPosition());
                        writeSigned(out, e.distance());
                        writeSigned(out, e.intervening());
                        writeSigned(out, e.attractors());
                    }
                });
    }

    /**
     * Decodes what {@link #encodeExamples} wrote.
     *
     * @throws IllegalArgumentException when the bytes are not a complete examples file of this
     *     version
     */
    public static List<Example> decodeExamples(byte[] bytes) {
        return decode(
                bytes,
                EXAMPLES_MAGIC,
                "examples",
                in -> {
                    int n = readVarint(in);
                    List<Example> examples = new ArrayList<>(Math.min(n, 1 << 16));
                    for (int i = 0; i < n; i++) {
                        examples.add(
                                new Example(
                                        in.readUTF(),
                                        readVarint(in),
                                        readArray(in),
                                        readArray(in),
                                        readSigned(in),
                                        readSigned(in),
                                        readSigned(in),
                                        readSigned(in)));
                    }
                    return examples;
                });
    }

    /** Encodes minimal pairs in list order. */
    public static byte[] encodePairs(List<MinimalPair> pairs) {
        return encode(
                PAIRS_MAGIC,
                out -> {
                    writeVarint(out, pairs.size());
                    for (MinimalPair p : pairs) {
                        out.writeUTF(p.id());
                        writeArray(out, p.good());
                        writeArray(out, p.bad());
                    }
                });
    }

    /**
     * Decodes what {@link #encodePairs} wrote.
     *
     * @throws IllegalArgumentException when the bytes are not a complete pairs file of this version
     */
    public static List<MinimalPair> decodePairs(byte[] bytes) {
        return decode(
                bytes,
                PAIRS_MAGIC,
                "minimal pairs",
                in -> {
                    int n = readVarint(in);
                    List<MinimalPair> pairs = new ArrayList<>(Math.min(n, 1 << 16));
                    for (int i = 0; i < n; i++) {
                        pairs.add(new MinimalPair(in.readUTF(), readArray(in), readArray(in)));
                    }
                    return pairs;
                });
    }

    /** The vocabulary as pretty-printed JSON (UTF-8). */
    public static byte[] encodeVocabulary(Vocabulary vocabulary) {
        return Json.writeBytes(vocabulary);
    }

    /** Reads what {@link #encodeVocabulary} wrote. */
    public static Vocabulary decodeVocabulary(byte[] json) {
        return Json.read(json, Vocabulary.class);
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] encode(int magic, Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(bytes);
            header.writeInt(magic);
            header.writeInt(VERSION);
            header.flush();
            try (DataOutputStream out =
                    new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
                body.write(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode into memory", e);
        }
    }

    private static <T> T decode(byte[] bytes, int magic, String what, Reader<T> reader) {
        try (DataInputStream header = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (bytes.length < 8 || header.readInt() != magic) {
                throw new IllegalArgumentException("not an encoded " + what + " file");
            }
            int version = header.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "encoded "
                                + what
                                + " version "
                                + version
                                + ", this reader knows "
                                + VERSION);
            }
            try (DataInputStream in =
                    new DataInputStream(
                            new GZIPInputStream(
                                    new ByteArrayInputStream(bytes, 8, bytes.length - 8)))) {
                T result = reader.read(in);
                if (in.read() != -1) {
                    throw new IllegalArgumentException("trailing bytes after the encoded " + what);
                }
                return result;
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated encoded " + what);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt encoded " + what + ": " + e.getMessage());
        }
    }

    private static void writeArray(DataOutputStream out, int[] values) throws IOException {
        writeVarint(out, values.length);
        for (int v : values) {
            writeVarint(out, v);
        }
    }

    private static int[] readArray(DataInputStream in) throws IOException {
        int n = readVarint(in);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = readVarint(in);
        }
        return values;
    }

    // Zigzag: 0, -1, 1, -2 ... become 0, 1, 2, 3 ..., so -1 costs one byte.
    private static void writeSigned(DataOutputStream out, int v) throws IOException {
        writeVarint(out, (v << 1) ^ (v >> 31));
    }

    private static int readSigned(DataInputStream in) throws IOException {
        int z = readVarint(in);
        return (z >>> 1) ^ -(z & 1);
    }

    private static void writeVarint(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7f) != 0) {
            out.writeByte((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("varint longer than 5 bytes");
    }
}
