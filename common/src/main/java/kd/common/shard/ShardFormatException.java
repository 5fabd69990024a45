package kd.common.shard;

/** Bytes that are not a well-formed soft-label shard; the message is a one-line reason. */
public class ShardFormatException extends RuntimeException {

    public ShardFormatException(String reason) {
        super(reason);
    }
}
