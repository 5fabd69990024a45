package kd.common.shard;

/** A shard that cannot be used by this reader: malformed, or for another dataset or vocabulary. */
public class ShardRejectedException extends RuntimeException {

    private final String shardKey;
    private final String reason;

    public ShardRejectedException(String shardKey, String reason) {
        this(shardKey, reason, null);
    }

    public ShardRejectedException(String shardKey, String reason, Throwable cause) {
        super("shard " + shardKey + " rejected: " + reason, cause);
        this.shardKey = shardKey;
        this.reason = reason;
    }

    public String shardKey() {
        return shardKey;
    }

    public String reason() {
        return reason;
    }
}
