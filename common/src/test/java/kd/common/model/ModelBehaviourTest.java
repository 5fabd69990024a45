package kd.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import java.util.Map;
import kd.common.data.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelBehaviourTest {

    private static final int VOCABULARY = 30;

    private static TrainedModel model(String name, Objective objective, Map<String, Double> o) {
        Engine.getInstance().setRandomSeed(7);
        return TrainedModel.create(
                ModelConfig.resolve(name, "demo", o, objective, VOCABULARY), null);
    }

    /** Forward pass of hand-built rows (already padded), eval mode: {logits, features}. */
    private static float[][] forward(TrainedModel m, int[][] tokens, int[] lengths, int output) {
        try (NDManager sub = m.manager().newSubManager()) {
            NDList out = m.forward(sub, new Batch(tokens, lengths, null));
            NDArray a = out.get(output);
            int n = (int) a.getShape().get(0);
            float[][] rows = new float[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = a.get(new NDIndex("{}", i)).toFloatArray();
            }
            return rows;
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "lstm",
                "small-lstm",
                "transformer",
                "small-transformer",
                "transformer-seq",
                "ut-seq"
            })
    void extraPaddingChangesNoPredictionAndNoPooledVector(String name) {
        try (TrainedModel m = model(name, Objective.CLASSIFICATION, Map.of())) {
            int cls = m.config().readsClsToken() ? 1 : 0;
            int[] a = {5, 6, 7, Vocabulary.END};
            int[] b = {8, Vocabulary.END};
            int[][] tight = {row(cls, a, 0), row(cls, b, 2)};
            int[][] loose = {row(cls, a, 5), row(cls, b, 7)};
            int[] lengths = {a.length + cls, b.length + cls};

            for (int output = 0; output < 2; output++) {
                float[][] x = forward(m, tight, lengths, output);
                float[][] y = forward(m, loose, lengths, output);
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(x[i], y[i], 1e-5f, name + " output " + output + " row " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "transformer", "transformer-seq", "ut-seq"})
    void extraPaddingChangesNoLmLogitAtRealPositions(String name) {
        try (TrainedModel m = model(name, Objective.LM, Map.of())) {
            int[] s = {Vocabulary.BEGIN, 5, 6, 7};
            float[][] tight = forward(m, new int[][] {s}, new int[] {4}, 0);
            float[][] loose = forward(m, new int[][] {row(0, s, 4)}, new int[] {4}, 0);
            int width = VOCABULARY * 4;
            float[] x = java.util.Arrays.copyOf(tight[0], width);
            float[] y = java.util.Arrays.copyOf(loose[0], width);
            assertArrayEquals(x, y, 1e-5f, name);
        }
    }

    /** A row: optional CLS, the tokens, then {@code pad} PAD ids. */
    private static int[] row(int cls, int[] tokens, int pad) {
        int[] r = new int[cls + tokens.length + pad];
        if (cls == 1) {
            r[0] = Vocabulary.CLS;
        }
        System.arraycopy(tokens, 0, r, cls, tokens.length);
        return r;
    }

    /** LM hidden states [L][d] of one unpadded sequence. */
    private static float[][] states(TrainedModel m, int[] tokens) {
        try (NDManager sub = m.manager().newSubManager()) {
            NDList out =
                    m.forward(
                            sub, new Batch(new int[][] {tokens}, new int[] {tokens.length}, null));
            NDArray h = out.get(1);
            float[][] rows = new float[tokens.length][];
            for (int i = 0; i < tokens.length; i++) {
                rows[i] = h.get(new NDIndex("0, {}, :", i)).toFloatArray();
            }
            return rows;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "small-lstm", "transformer-seq", "ut-seq"})
    void causalModelsIgnoreLaterTokens(String name) {
        try (TrainedModel m = model(name, Objective.LM, Map.of())) {
            float[][] x = states(m, new int[] {2, 5, 6, 7, 8});
            float[][] y = states(m, new int[] {2, 5, 6, 20, 21});
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(x[i], y[i], 1e-6f, name + " position " + i);
            }
            assertTrue(maxDiff(x[3], y[3]) > 1e-4, name + " must react at the changed position");
        }
    }

    @Test
    void bidirectionalTransformerLetsLaterTokensChangeEarlierStates() {
        for (String name : List.of("transformer", "small-transformer")) {
            try (TrainedModel m = model(name, Objective.LM, Map.of())) {
                float[][] x = states(m, new int[] {2, 5, 6, 7, 8});
                float[][] y = states(m, new int[] {2, 5, 6, 20, 21});
                assertTrue(maxDiff(x[0], y[0]) > 1e-4, name + " position 0 must see the change");
            }
        }
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void universalTransformerHasOneBlockWhateverTheSteps() {
        try (TrainedModel two = model("ut-seq", Objective.CLASSIFICATION, Map.of("steps", 2.0));
                TrainedModel six = model("ut-seq", Objective.CLASSIFICATION, Map.of("steps", 6.0));
                TrainedModel seq =
                        model("transformer-seq", Objective.CLASSIFICATION, Map.of("layers", 1.0))) {
            assertEquals(two.parameterCount(), six.parameterCount());
            // One demo block, d = 32, FFN 64: attention 4·(32·32 + 32) = 4224, two LayerNorms
            // 2·64 = 128, FFN 32·64 + 64 + 64·32 + 32 = 4192: 8544. Embeddings 30·32 = 960,
            // positions 64·32 = 2048, final LayerNorm 64, head 2·32 + 2 = 66. Total 11682, the
            // same as a one-layer transformer-seq.
            assertEquals(11682, six.parameterCount());
            assertEquals(seq.parameterCount(), six.parameterCount());
        }
    }

    @Test
    void parametersRoundTripThroughBytes() {
        try (TrainedModel m = model("transformer", Objective.CLASSIFICATION, Map.of())) {
            var examples = kd.common.train.AgreementTaskAccess.examples(5);
            byte[] bytes = m.parameters();
            try (TrainedModel copy = TrainedModel.load(m.config(), bytes)) {
                float[][] a = m.classificationLogits(examples);
                float[][] b = copy.classificationLogits(examples);
                for (int i = 0; i < a.length; i++) {
                    assertArrayEquals(a[i], b[i], 0f);
                }
            }
        }
    }

    @Test
    void sentenceLogProbIsTheSumOfTokenLogProbsAndNextTokenAgrees() {
        try (TrainedModel m = model("transformer-seq", Objective.LM, Map.of())) {
            int[] s = {2, 5, 6, 7, 3};
            float[][] tokens = m.tokenLogProbs(List.of(s));
            double[] sentence = m.sentenceLogProbs(List.of(s));
            float[][] next =
                    m.nextTokenLogProbs(List.of(new int[] {2, 5, 6}), List.of(new int[] {7, 9}));
            assertEquals(4, tokens[0].length);
            assertEquals(
                    tokens[0][0] + tokens[0][1] + tokens[0][2] + tokens[0][3], sentence[0], 1e-5);
            // log p(7 | 2 5 6) is the third token log-prob of s.
            assertEquals(tokens[0][2], next[0][0], 1e-5);
            float[][][] logits = m.lmLogits(List.of(s));
            assertEquals(4, logits[0].length);
            assertEquals(VOCABULARY, logits[0][0].length);
        }
    }
}
