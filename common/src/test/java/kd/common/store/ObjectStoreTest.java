package kd.common.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kd.stack.EmbeddedS3;
import kd.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store gateway against a real S3 API server over a temporary folder. */
class ObjectStoreTest {

    @TempDir static Path dir;
    static EmbeddedS3 server;
    static ObjectStore store;

    @BeforeAll
    static void start() {
        server = EmbeddedS3.start(dir, 0, LocalStack.ACCESS_KEY, LocalStack.SECRET_KEY);
        store =
                new ObjectStore(
                        new StoreConfig(
                                server.endpoint(),
                                LocalStack.ACCESS_KEY,
                                LocalStack.SECRET_KEY,
                                "store-test"));
    }

    @AfterAll
    static void stop() {
        store.close();
        server.close();
    }

    @Test
    void writeReturnsKeySizeAndSha256OfTheBytes() {
        byte[] bytes = "abc".getBytes(StandardCharsets.US_ASCII);

        ObjectRef ref = store.put("t/abc.txt", bytes);

        // SHA-256("abc") is the FIPS 180-2 test vector.
        assertEquals(
                new ObjectRef(
                        "t/abc.txt",
                        3,
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                ref);
        assertArrayEquals(bytes, store.get(ref));
        assertArrayEquals(bytes, store.get("t/abc.txt"));
        assertEquals(ref, store.find("t/abc.txt").orElseThrow());
    }

    @Test
    void aFlippedByteInTheServersFolderFailsTheRead() throws Exception {
        byte[] bytes = "soft labels of the teacher".getBytes(StandardCharsets.UTF_8);
        ObjectRef ref = store.put("t/flip/shard.bin", bytes);
        Path file = findFile(dir.resolve("store-test"), "shard.bin");

        byte[] onDisk = Files.readAllBytes(file);
        onDisk[5] ^= 0x01;
        Files.write(file, onDisk);

        ChecksumMismatchException byRef =
                assertThrows(ChecksumMismatchException.class, () -> store.get(ref));
        assertTrue(byRef.getMessage().startsWith("checksum mismatch for t/flip/shard.bin"));
        assertThrows(ChecksumMismatchException.class, () -> store.get("t/flip/shard.bin"));
    }

    @Test
    void aRefWithAnotherHashIsRefused() {
        ObjectRef ref = store.put("t/other.bin", new byte[] {1, 2, 3});
        ObjectRef wrong = new ObjectRef(ref.key(), ref.size(), "00" + ref.sha256().substring(2));

        assertThrows(ChecksumMismatchException.class, () -> store.get(wrong));
    }

    @Test
    void missingObjectsAreAbsentAndListingIsSorted() {
        assertFalse(store.exists("t/none"));
        store.put("t/list/b", new byte[] {2});
        store.put("t/list/a", new byte[] {1});

        assertEquals(List.of("t/list/a", "t/list/b"), store.list("t/list/"));
    }

    @Test
    void keysThatLeaveTheirFolderAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.put("runs/../x", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> store.put("/abs", new byte[0]));
    }

    private static Path findFile(Path root, String name) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
