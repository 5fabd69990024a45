package kd.common.shard;

import java.util.Objects;

/**
 * What every shard of one teacher's soft labels has in common.
 *
 * <p>Logits are stored as the model produced them, not divided by the temperature. The temperature
 * is the one the teacher was run at: the top-k tail mass and the sampled ids and probabilities were
 * computed from {@code softmax(logits / temperature)}; for the dense kinds it is a record only, and
 * a student applies its own.
 *
 * @param kind what each example holds
 * @param outputs number of classes ({@link PayloadKind#CLASSIFICATION}) or vocabulary size
 * @param k entries kept per position for the sparse kinds; 0 for the dense kinds
 * @param temperature positive and finite
 * @param datasetId the prepared dataset the examples come from
 * @param vocabularyHash content hash of the vocabulary the token ids refer to
 * @param teacher the model that produced the labels
 */
public record ShardHeader(
        PayloadKind kind,
        int outputs,
        int k,
        float temperature,
        String datasetId,
        String vocabularyHash,
        TeacherId teacher) {

    public ShardHeader {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(vocabularyHash, "vocabularyHash");
        Objects.requireNonNull(teacher, "teacher");
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be at least 1, got " + outputs);
        }
        if (kind.sparse() && k < 1) {
            throw new IllegalArgumentException(kind + " needs k of at least 1, got " + k);
        }
        if (!kind.sparse() && k != 0) {
            throw new IllegalArgumentException(kind + " keeps every output, k must be 0");
        }
        if (kind == PayloadKind.LM_TOPK && k > outputs) {
            throw new IllegalArgumentException("top-" + k + " of " + outputs + " outputs");
        }
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
    }

    public static ShardHeader classification(
            String datasetId,
            String vocabularyHash,
            TeacherId teacher,
            int classes,
            float temperature) {
        return new ShardHeader(
                PayloadKind.CLASSIFICATION,
                classes,
                0,
                temperature,
                datasetId,
                vocabularyHash,
                teacher);
    }

    public static ShardHeader lmDense(
            String datasetId,
            String vocabularyHash,
            TeacherId teacher,
            int vocabularySize,
            float temperature) {
        return new ShardHeader(
                PayloadKind.LM_DENSE,
                vocabularySize,
                0,
                temperature,
                datasetId,
                vocabularyHash,
                teacher);
    }

    public static ShardHeader lmTopK(
            String datasetId,
            String vocabularyHash,
            TeacherId teacher,
            int vocabularySize,
            int k,
            float temperature) {
        return new ShardHeader(
                PayloadKind.LM_TOPK,
                vocabularySize,
                k,
                temperature,
                datasetId,
                vocabularyHash,
                teacher);
    }

    public static ShardHeader lmSampled(
            String datasetId,
            String vocabularyHash,
            TeacherId teacher,
            int vocabularySize,
            int k,
            float temperature) {
        return new ShardHeader(
                PayloadKind.LM_SAMPLED,
                vocabularySize,
                k,
                temperature,
                datasetId,
                vocabularyHash,
                teacher);
    }

    /** Payload bytes one position (one example for classification) takes in the encoding. */
    public long payloadBytesPerPosition() {
        return ShardCodec.payloadBytesPerToken(kind, outputs, k);
    }

    /** Throws when an example's arrays do not have the shape this header asks for. */
    void check(SoftLabels labels) {
        int p = labels.positions();
        String id = labels.exampleId();
        if (kind == PayloadKind.CLASSIFICATION && p != 1) {
            throw new IllegalArgumentException(
                    "classification example " + id + " has " + p + " positions, expected 1");
        }
        long idsLength = kind.sparse() ? (long) p * k : 0;
        long valuesLength = (long) p * (kind.sparse() ? k : outputs);
        long tailLength = kind == PayloadKind.LM_TOPK ? p : 0;
        if (labels.ids().length != idsLength
                || labels.values().length != valuesLength
                || labels.tailLogMass().length != tailLength) {
            throw new IllegalArgumentException(
                    String.format(
                            "example %s does not fit %s with %d outputs and k=%d: %d positions,"
                                    + " %d ids, %d values, %d tail masses",
                            id,
                            kind,
                            outputs,
                            k,
                            p,
                            labels.ids().length,
                            labels.values().length,
                            labels.tailLogMass().length));
        }
        for (int tokenId : labels.ids()) {
            if (tokenId < 0 || tokenId >= outputs) {
                throw new IllegalArgumentException(
                        "example "
                                + id
                                + " has token id "
                                + tokenId
                                + " outside [0, "
                                + outputs
                                + ")");
            }
        }
    }
}
