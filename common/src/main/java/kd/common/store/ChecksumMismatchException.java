package kd.common.store;

/** Bytes read from the store are not the bytes that were written. */
public class ChecksumMismatchException extends StoreException {

    public ChecksumMismatchException(String key, String expected, String actual) {
        super(
                "checksum mismatch for "
                        + key
                        + ": expected sha256 "
                        + expected
                        + ", read "
                        + actual);
    }
}
