package kd.common.shard;

import java.util.ArrayList;
import java.util.List;

/** Small shards for tests, with values that are easy to tell apart. */
final class Shards {

    static final TeacherId TEACHER = new TeacherId("run-1", "lstm", 7, "ab12");
    static final int VOCABULARY = 50;
    static final int K = 5;

    private Shards() {}

    static ShardHeader header(PayloadKind kind) {
        return header(kind, "ds", "vh");
    }

    static ShardHeader header(PayloadKind kind, String datasetId, String vocabularyHash) {
        return switch (kind) {
            case CLASSIFICATION ->
                    ShardHeader.classification(datasetId, vocabularyHash, TEACHER, 2, 1f);
            case LM_DENSE ->
                    ShardHeader.lmDense(datasetId, vocabularyHash, TEACHER, VOCABULARY, 1f);
            case LM_TOPK ->
                    ShardHeader.lmTopK(datasetId, vocabularyHash, TEACHER, VOCABULARY, K, 2f);
            case LM_SAMPLED ->
                    ShardHeader.lmSampled(datasetId, vocabularyHash, TEACHER, VOCABULARY, K, 1f);
        };
    }

    /** Labels of one example, {@code positions} rows, every value distinct. */
    static SoftLabels labels(PayloadKind kind, String id, int positions) {
        int seed = id.hashCode();
        switch (kind) {
            case CLASSIFICATION:
                return SoftLabels.classification(id, new float[] {seed % 97 * 0.25f, -0.0f});
            case LM_DENSE:
                {
                    List<float[]> rows = new ArrayList<>();
                    for (int t = 0; t < positions; t++) {
                        rows.add(row(seed, t));
                    }
                    return SoftLabels.dense(id, rows);
                }
            case LM_TOPK:
                {
                    List<TopK> rows = new ArrayList<>();
                    for (int t = 0; t < positions; t++) {
                        rows.add(TopK.of(row(seed, t), 2f, K));
                    }
                    return SoftLabels.topK(id, rows);
                }
            default:
                {
                    List<Sampled> rows = new ArrayList<>();
                    java.util.Random rng = new java.util.Random(seed);
                    for (int t = 0; t < positions; t++) {
                        rows.add(Sampled.of(row(seed, t), K, rng));
                    }
                    return SoftLabels.sampled(id, rows);
                }
        }
    }

    static float[] row(int seed, int position) {
        float[] logits = new float[VOCABULARY];
        for (int v = 0; v < VOCABULARY; v++) {
            logits[v] = (float) Math.sin(seed * 0.001 + position * 1.3 + v * 0.77) * 6;
        }
        return logits;
    }
}
