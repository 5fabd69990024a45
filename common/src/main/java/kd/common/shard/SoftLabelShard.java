package kd.common.shard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One shard of soft labels: a header, and the labels of each example in shard order. */
public final class SoftLabelShard {

    private final ShardHeader header;
    private final List<SoftLabels> examples;
    private final Map<String, SoftLabels> byId;

    /** Checks that every example fits the header and that no example id appears twice. */
    public SoftLabelShard(ShardHeader header, List<SoftLabels> examples) {
        this.header = Objects.requireNonNull(header, "header");
        this.examples = List.copyOf(examples);
        this.byId = new HashMap<>(this.examples.size() * 2);
        for (SoftLabels labels : this.examples) {
            header.check(labels);
            if (byId.putIfAbsent(labels.exampleId(), labels) != null) {
                throw new IllegalArgumentException(
                        "example " + labels.exampleId() + " twice in one shard");
            }
        }
    }

    public ShardHeader header() {
        return header;
    }

    /** The examples in shard order. */
    public List<SoftLabels> examples() {
        return examples;
    }

    public int exampleCount() {
        return examples.size();
    }

    public List<String> exampleIds() {
        List<String> ids = new ArrayList<>(examples.size());
        for (SoftLabels labels : examples) {
            ids.add(labels.exampleId());
        }
        return ids;
    }

    public ShardManifest manifest() {
        List<Integer> positions = new ArrayList<>(examples.size());
        for (SoftLabels labels : examples) {
            positions.add(labels.positions());
        }
        return new ShardManifest(header, exampleIds(), positions);
    }

    public Optional<SoftLabels> find(String exampleId) {
        return Optional.ofNullable(byId.get(exampleId));
    }

    /** The labels of an example, which must be in this shard. */
    public SoftLabels get(String exampleId) {
        SoftLabels labels = byId.get(exampleId);
        if (labels == null) {
            throw new IllegalArgumentException("example " + exampleId + " is not in this shard");
        }
        return labels;
    }

    /** Equal when headers are equal and the examples are equal, in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SoftLabelShard s
                && header.equals(s.header)
                && examples.equals(s.examples);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + examples.hashCode();
    }

    @Override
    public String toString() {
        return "SoftLabelShard[" + header.kind() + ", " + examples.size() + " examples]";
    }
}
