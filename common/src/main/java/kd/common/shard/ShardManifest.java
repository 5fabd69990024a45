package kd.common.shard;

import java.util.List;
import java.util.Objects;

/**
 * The table of contents of one shard: its header and which examples it holds, in shard order.
 *
 * @param header what the shard's examples have in common
 * @param exampleIds the examples in shard order, each once
 * @param positions rows per example, in the same order
 */
public record ShardManifest(ShardHeader header, List<String> exampleIds, List<Integer> positions) {

    public ShardManifest {
        Objects.requireNonNull(header, "header");
        exampleIds = List.copyOf(exampleIds);
        positions = List.copyOf(positions);
        if (exampleIds.size() != positions.size()) {
            throw new IllegalArgumentException(
                    exampleIds.size() + " example ids but " + positions.size() + " lengths");
        }
    }

    public int exampleCount() {
        return exampleIds.size();
    }

    /** Rows over all examples: tokens for the LM kinds, examples for classification. */
    public long totalPositions() {
        long total = 0;
        for (int p : positions) {
            total += p;
        }
        return total;
    }
}
