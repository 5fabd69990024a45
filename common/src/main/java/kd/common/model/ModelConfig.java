package kd.common.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kd.common.data.Vocabulary;

/**
 * Sizes and regularisation of one model.
 *
 * <p>Transformer models use {@code hidden} as their model width d; their {@code embedding} always
 * equals it. {@code layers} counts stacked LSTM layers or distinct transformer blocks; {@code
 * steps} counts how often the single shared block of {@code ut-seq} is applied (other models ignore
 * it).
 *
 * @param dropout drop rate on embeddings, between LSTM layers, and on every transformer residual
 *     branch and attention weights
 * @param l2 weight decay added to the gradient by the optimiser (Adam with L2, not AdamW)
 * @param tiedEmbeddings LM head reuses the input embedding matrix (needs embedding == hidden)
 * @param maxLength longest token sequence a model reads, CLS token included; longer inputs are cut
 *     (see {@link Batch})
 */
public record ModelConfig(
        String name,
        Objective objective,
        int vocabularySize,
        int embedding,
        int hidden,
        int layers,
        int heads,
        int ffn,
        int steps,
        double dropout,
        double l2,
        boolean tiedEmbeddings,
        int maxLength) {

    public static final String LSTM = "lstm";
    public static final String SMALL_LSTM = "small-lstm";
    public static final String TRANSFORMER = "transformer";
    public static final String SMALL_TRANSFORMER = "small-transformer";
    public static final String TRANSFORMER_SEQ = "transformer-seq";
    public static final String UT_SEQ = "ut-seq";

    /** Every model name the factory knows, in a stable order. */
    public static final List<String> MODEL_NAMES =
            List.of(LSTM, SMALL_LSTM, TRANSFORMER, SMALL_TRANSFORMER, TRANSFORMER_SEQ, UT_SEQ);

    public static final String PAPER = "paper";
    public static final String DEMO = "demo";

    /** Preset names accepted by {@link #resolve}. */
    public static final List<String> PRESETS = List.of(PAPER, DEMO);

    /** Field names an override may set; booleans are given as 0 or 1. */
    public static final List<String> OVERRIDE_KEYS =
            List.of(
                    "embedding",
                    "hidden",
                    "layers",
                    "heads",
                    "ffn",
                    "steps",
                    "dropout",
                    "l2",
                    "tiedEmbeddings",
                    "maxLength");

    public ModelConfig {
        if (!MODEL_NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown model '" + name + "'; known: " + String.join(", ", MODEL_NAMES));
        }
        if (objective == null) {
            throw new IllegalArgumentException("model objective is missing");
        }
        if (vocabularySize <= Vocabulary.SPECIAL.size()) {
            throw new IllegalArgumentException(
                    "vocabulary of " + vocabularySize + " tokens is too small");
        }
        if (embedding < 1 || hidden < 1 || layers < 1 || steps < 1 || maxLength < 2) {
            throw new IllegalArgumentException(
                    "model sizes must be positive: embedding, hidden, layers, steps, maxLength");
        }
        if (dropout < 0 || dropout >= 1 || l2 < 0) {
            throw new IllegalArgumentException("dropout must be in [0, 1) and l2 >= 0");
        }
        if (transformer(name)) {
            if (embedding != hidden) {
                throw new IllegalArgumentException(
                        "transformer width: embedding ("
                                + embedding
                                + ") != hidden ("
                                + hidden
                                + ")");
            }
            if (heads < 1 || hidden % heads != 0) {
                throw new IllegalArgumentException(
                        "hidden " + hidden + " is not divisible into " + heads + " heads");
            }
            if (ffn < 1) {
                throw new IllegalArgumentException("ffn must be positive");
            }
        }
        if (tiedEmbeddings && embedding != hidden) {
            throw new IllegalArgumentException(
                    "tied embeddings need embedding == hidden, got "
                            + embedding
                            + " and "
                            + hidden);
        }
    }

    /** True for the attention models, false for the LSTMs. */
    public boolean isTransformer() {
        return transformer(name);
    }

    private static boolean transformer(String name) {
        return !name.equals(LSTM) && !name.equals(SMALL_LSTM);
    }

    /** True when no position sees a later one (LSTMs, transformer-seq, ut-seq). */
    public boolean isCausal() {
        return !name.equals(TRANSFORMER) && !name.equals(SMALL_TRANSFORMER);
    }

    /** True when classification reads a leading {@code Vocabulary.CLS} token. */
    public boolean readsClsToken() {
        return !isCausal();
    }

    /**
     * A model's configuration from its name, a preset and overrides.
     *
     * <p>Presets: {@code paper} follows the sizes reported by Abnar et al. (2020): LSTM 256/256, 2
     * layers; Transformer d 128, 6 layers, 8 heads, FFN 4·d; UT-seq d 256 applied 6 times; small
     * variants at half the width. The paper does not print its regularisation; we take dropout 0.25
     * for LSTMs and 0.1 for transformers, and L2 1e-4 for all. {@code demo} is tiny (width 32–64,
     * 1–2 layers, no L2) so that an epoch over a few thousand short sentences takes seconds on two
     * CPU cores.
     *
     * <p>For transformer models an override of either {@code embedding} or {@code hidden} sets the
     * width d (both fields); overriding both with different values is an error.
     *
     * @throws IllegalArgumentException on an unknown model, preset or override key, or sizes that
     *     do not fit together
     */
    public static ModelConfig resolve(
            String name,
            String preset,
            Map<String, Double> overrides,
            Objective objective,
            int vocabularySize) {
        if (!MODEL_NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown model '" + name + "'; known: " + String.join(", ", MODEL_NAMES));
        }
        String chosen = preset == null ? PAPER : preset;
        Map<String, Double> values = new LinkedHashMap<>(defaults(name, chosen));
        Map<String, Double> given = overrides == null ? Map.of() : overrides;
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (!OVERRIDE_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "unknown override '"
                                + e.getKey()
                                + "' for model "
                                + name
                                + "; known: "
                                + String.join(", ", OVERRIDE_KEYS));
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("override '" + e.getKey() + "' has no value");
            }
            values.put(e.getKey(), e.getValue());
        }
        if (transformer(name)) {
            boolean e = given.containsKey("embedding");
            boolean h = given.containsKey("hidden");
            if (e && !h) {
                values.put("hidden", values.get("embedding"));
            } else if (h && !e) {
                values.put("embedding", values.get("hidden"));
            }
        }
        return new ModelConfig(
                name,
                objective,
                vocabularySize,
                integer(values, "embedding"),
                integer(values, "hidden"),
                integer(values, "layers"),
                integer(values, "heads"),
                integer(values, "ffn"),
                integer(values, "steps"),
                values.get("dropout"),
                values.get("l2"),
                values.get("tiedEmbeddings") != 0.0,
                integer(values, "maxLength"));
    }

    private static int integer(Map<String, Double> values, String key) {
        double v = values.get(key);
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException("override '" + key + "' must be a whole number");
        }
        return (int) v;
    }

    private static Map<String, Double> defaults(String name, String preset) {
        boolean paper;
        if (preset.equals(PAPER)) {
            paper = true;
        } else if (preset.equals(DEMO)) {
            paper = false;
        } else {
            throw new IllegalArgumentException(
                    "unknown preset '" + preset + "'; known: " + String.join(", ", PRESETS));
        }
        // embedding, hidden, layers, heads, ffn, steps, dropout, l2, tied, maxLength
        double[] v =
                switch (name) {
                    case LSTM ->
                            paper
                                    ? new double[] {256, 256, 2, 0, 0, 1, 0.25, 1e-4, 0, 256}
                                    : new double[] {32, 64, 1, 0, 0, 1, 0.1, 0, 0, 64};
                    case SMALL_LSTM ->
                            paper
                                    ? new double[] {128, 128, 2, 0, 0, 1, 0.25, 1e-4, 0, 256}
                                    : new double[] {16, 32, 1, 0, 0, 1, 0.1, 0, 0, 64};
                    case TRANSFORMER, TRANSFORMER_SEQ ->
                            paper
                                    ? new double[] {128, 128, 6, 8, 512, 1, 0.1, 1e-4, 0, 256}
                                    : new double[] {32, 32, 2, 4, 64, 1, 0.1, 0, 0, 64};
                    case SMALL_TRANSFORMER ->
                            paper
                                    ? new double[] {64, 64, 6, 8, 256, 1, 0.1, 1e-4, 0, 256}
                                    : new double[] {16, 16, 2, 2, 32, 1, 0.1, 0, 0, 64};
                    case UT_SEQ ->
                            paper
                                    ? new double[] {256, 256, 1, 8, 1024, 6, 0.1, 1e-4, 0, 256}
                                    : new double[] {32, 32, 1, 4, 64, 2, 0.1, 0, 0, 64};
                    default -> throw new IllegalArgumentException("unknown model '" + name + "'");
                };
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < OVERRIDE_KEYS.size(); i++) {
            out.put(OVERRIDE_KEYS.get(i), v[i]);
        }
        return out;
    }
}
