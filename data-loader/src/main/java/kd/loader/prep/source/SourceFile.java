package kd.loader.prep.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import kd.common.store.Sha256;
import kd.loader.prep.PreparationException;

/**
 * An input file read whole into memory, its SHA-256 taken over the bytes as stored; a name ending
 * in {@code .gz} is decompressed. Lines are split on '\n' (a trailing '\r' is dropped) and decoded
 * one at a time as strict UTF-8, so that one bad line is rejected and the others are kept.
 *
 * <p>The file is held whole in memory, decompressed: a 1 GB corpus needs 1 GB of heap. The sources
 * in use (a few MB each, Linzen's full table about 400 MB) fit.
 */
public final class SourceFile {

    /** Receives one decoded line. */
    @FunctionalInterface
    public interface LineHandler {
        void line(int number, String text);
    }

    private final String name;
    private final String sha256;
    private final byte[] content;

    private SourceFile(String name, String sha256, byte[] content) {
        this.name = name;
        this.sha256 = sha256;
        this.content = content;
    }

    /**
     * Reads a file.
     *
     * @throws PreparationException when the file is missing, unreadable or not valid gzip
     */
    public static SourceFile read(Path path) {
        String name = path.getFileName().toString();
        if (!Files.isRegularFile(path)) {
            throw new PreparationException("input file not found: " + name);
        }
        byte[] stored;
        try {
            stored = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new PreparationException("cannot read " + name + ": " + e.getMessage(), e);
        }
        byte[] content = stored;
        if (name.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw new PreparationException("cannot decompress " + name + ": " + e.getMessage());
            }
        }
        return new SourceFile(name, Sha256.of(stored), content);
    }

    /** A file made from bytes in memory, for tests and generated inputs. */
    public static SourceFile of(String name, byte[] content) {
        return new SourceFile(name, Sha256.of(content), content.clone());
    }

    /** The file name without its folder. */
    public String name() {
        return name;
    }

    /** Lower-case hex SHA-256 of the bytes as stored. */
    public String sha256() {
        return sha256;
    }

    /**
     * Hands every line to {@code handler}; a line that is not valid UTF-8 is recorded in {@code
     * rejections} instead. A final line without a line break is still a line.
     */
    public void forEachLine(LineHandler handler, Rejections rejections) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = 0;
        int number = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            number++;
            int stop = end > start && content[end - 1] == '\r' ? end - 1 : end;
            try {
                CharBuffer chars = decoder.decode(ByteBuffer.wrap(content, start, stop - start));
                handler.line(number, chars.toString());
            } catch (CharacterCodingException e) {
                rejections.reject(name, number, "invalid UTF-8");
            }
            start = end + 1;
        }
    }
}
