package kd.common.shard;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import kd.common.store.ChecksumMismatchException;
import kd.common.store.ObjectRef;

/** Blobs in a map, with the object store's contract: put returns the hash, get checks it. */
final class MemoryBlobs implements BlobSink, BlobSource {

    final Map<String, byte[]> objects = new LinkedHashMap<>();

    @Override
    public ObjectRef put(String key, byte[] bytes) {
        objects.put(key, bytes.clone());
        return new ObjectRef(key, bytes.length, sha256(bytes));
    }

    @Override
    public byte[] get(ObjectRef ref) {
        byte[] bytes = objects.get(ref.key());
        if (bytes == null) {
            throw new IllegalStateException("no object " + ref.key());
        }
        String sha = sha256(bytes);
        if (bytes.length != ref.size() || !sha.equals(ref.sha256())) {
            throw new ChecksumMismatchException(ref.key(), ref.sha256(), sha);
        }
        return bytes.clone();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
