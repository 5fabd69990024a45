package kd.support;

/**
 * Names of the metrics the services expose on {@code /q/metrics}; the Grafana dashboards query
 * exactly these (Prometheus adds {@code _total} to counters).
 */
public final class Metrics {

    /** Gauges tagged run, model, stage: the latest training loss, speed and epoch. */
    public static final String TRAINING_LOSS = "kd.training.loss";

    public static final String TRAINING_SPEED = "kd.training.examples.per.second";
    public static final String TRAINING_EPOCH = "kd.training.epoch";
    public static final String VALIDATION_ACCURACY = "kd.training.validation.accuracy";

    /** Counters tagged run and model. */
    public static final String SHARD_BYTES_WRITTEN = "kd.shard.bytes.written";

    public static final String SHARD_BYTES_READ = "kd.shard.bytes.read";
    public static final String SHARDS_REJECTED = "kd.shards.rejected";

    /** Gauges tagged run, model, test_set. */
    public static final String EVAL_ACCURACY = "kd.evaluation.accuracy";

    public static final String EVAL_ECE = "kd.evaluation.ece";
    public static final String EVAL_PERPLEXITY = "kd.evaluation.perplexity";

    /** Counter tagged stage: inputs turned into error events. */
    public static final String ERRORS = "kd.errors";

    private Metrics() {}
}
