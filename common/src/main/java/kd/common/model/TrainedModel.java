package kd.common.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import kd.common.data.Example;
import kd.common.data.Vocabulary;

/**
 * A model with its parameters in memory, ready to predict; close it to free native memory.
 *
 * <p>Every prediction runs in evaluation mode (no dropout) in chunks of {@link #CHUNK} items, so
 * the result does not depend on how many items are asked for at once.
 */
public final class TrainedModel implements AutoCloseable {

    /** Items per forward pass in the prediction methods. */
    public static final int CHUNK = 64;

    private final ModelConfig config;
    private final NDManager manager;
    private final SequenceModel block;

    private TrainedModel(ModelConfig config, NDManager manager, SequenceModel block) {
        this.config = config;
        this.manager = manager;
        this.block = block;
    }

    /** A fresh model, its parameters drawn from the engine's current random state. */
    public static TrainedModel create(ModelConfig config, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        SequenceModel block = new SequenceModel(config);
        block.initialize(manager);
        return new TrainedModel(config, manager, block);
    }

    /** A model from {@link #parameters()} bytes, on the engine's default device. */
    public static TrainedModel load(ModelConfig config, byte[] parameters) {
        return load(config, parameters, null);
    }

    /** A model from {@link #parameters()} bytes on {@code device} (null: the default device). */
    public static TrainedModel load(ModelConfig config, byte[] parameters, Device device) {
        TrainedModel model = create(config, device);
        try {
            model.loadParameters(parameters);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** Replaces every parameter with the values in {@code parameters}. */
    public void loadParameters(byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
            // Loaded arrays are new; they must take part in training like the drawn ones.
            for (var p : block.getParameters().values()) {
                if (p.requiresGradient()) {
                    p.getArray().setRequiresGradient(true);
                }
            }
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException(
                    "parameters do not fit model " + config.name() + ": " + e.getMessage(), e);
        }
    }

    /** The parameters in DJL's block format; {@link #load} reads them back. */
    public byte[] parameters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public ModelConfig config() {
        return config;
    }

    /** The DJL block, for training code. */
    public SequenceModel block() {
        return block;
    }

    /** The manager that owns the parameters, for training code. */
    public NDManager manager() {
        return manager;
    }

    /** Where the parameters live, as DJL names it (e.g. {@code cpu()}, {@code gpu(0)}). */
    public String device() {
        return manager.getDevice().toString();
    }

    public long parameterCount() {
        return block.parameterCount();
    }

    /** Logits [n][2] of the classification head. */
    public float[][] classificationLogits(List<Example> examples) {
        requireObjective(Objective.CLASSIFICATION);
        float[][] out = new float[examples.size()][];
        classificationForward(
                examples,
                (offset, list) -> {
                    float[] flat = list.get(0).toFloatArray();
                    for (int i = 0; i * 2 < flat.length; i++) {
                        out[offset + i] = Arrays.copyOfRange(flat, i * 2, i * 2 + 2);
                    }
                });
        return out;
    }

    /**
     * The vector the head reads, per example: for classification the pooled vector (CLS or last
     * real position); for LM the top hidden state at the position that predicts the verb ({@code
     * verbPosition − 1} of the sentence), or at the last position when the verb is unknown. An LM
     * example without a sentence is read as BEGIN followed by its input minus the final END.
     */
    public float[][] representations(List<Example> examples) {
        float[][] out = new float[examples.size()][];
        if (config.objective() == Objective.CLASSIFICATION) {
            classificationForward(
                    examples,
                    (offset, list) -> {
                        float[][] rows = rows(list.get(1));
                        System.arraycopy(rows, 0, out, offset, rows.length);
                    });
            return out;
        }
        List<int[]> sentences = new ArrayList<>();
        int[] at = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            int[] s = e.sentence();
            if (s == null || s.length < 2) {
                s = new int[Math.max(2, e.input().length)];
                s[0] = Vocabulary.BEGIN;
                System.arraycopy(e.input(), 0, s, 1, Math.min(e.input().length - 1, s.length - 1));
                if (e.input().length < 2) {
                    s[1] = Vocabulary.END;
                }
                at[i] = s.length - 2;
            } else {
                at[i] = e.verbPosition() >= 1 ? e.verbPosition() - 1 : s.length - 2;
            }
            at[i] = Math.min(at[i], Batch.lmPositions(s.length, config) - 1);
            sentences.add(s);
        }
        lmForward(
                sentences,
                (offset, list) -> {
                    NDArray hidden = list.get(1);
                    for (int i = 0; i < hidden.getShape().get(0); i++) {
                        out[offset + i] =
                                hidden.get(new NDIndex("{}, {}, :", i, at[offset + i]))
                                        .toFloatArray();
                    }
                });
        return out;
    }

    /**
     * LM logits per sentence (BEGIN ... END), [n][positions][vocabulary]: position i predicts token
     * i + 1.
     */
    public float[][][] lmLogits(List<int[]> sentences) {
        requireObjective(Objective.LM);
        float[][][] out = new float[sentences.size()][][];
        int v = config.vocabularySize();
        lmForward(
                sentences,
                (offset, list) -> {
                    NDArray logits = list.get(0);
                    long width = logits.getShape().get(1);
                    float[] flat = logits.toFloatArray();
                    for (int i = 0; i < logits.getShape().get(0); i++) {
                        int positions = Batch.lmPositions(sentences.get(offset + i).length, config);
                        float[][] rows = new float[positions][];
                        for (int j = 0; j < positions; j++) {
                            int from = (int) ((i * width + j) * v);
                            rows[j] = Arrays.copyOfRange(flat, from, from + v);
                        }
                        out[offset + i] = rows;
                    }
                });
        return out;
    }

    /** log p(token i + 1 | tokens ≤ i) for every position of every sentence, natural log. */
    public float[][] tokenLogProbs(List<int[]> sentences) {
        requireObjective(Objective.LM);
        float[][] out = new float[sentences.size()][];
        lmForward(
                sentences,
                (offset, list) -> {
                    Batch b =
                            Batch.lm(
                                    sentences.subList(
                                            offset, offset + (int) list.get(0).getShape().get(0)),
                                    config);
                    NDManager m = list.get(0).getManager();
                    NDArray logp =
                            list.get(0)
                                    .logSoftmax(-1)
                                    .gather(b.targetArray(m).expandDims(-1), -1)
                                    .squeeze(-1);
                    float[][] rows = rows(logp);
                    for (int i = 0; i < rows.length; i++) {
                        out[offset + i] = Arrays.copyOf(rows[i], b.lengths()[i]);
                    }
                });
        return out;
    }

    /** Sum of {@link #tokenLogProbs} per sentence: log p(sentence | BEGIN), natural log. */
    public double[] sentenceLogProbs(List<int[]> sentences) {
        float[][] perToken = tokenLogProbs(sentences);
        double[] out = new double[perToken.length];
        for (int i = 0; i < perToken.length; i++) {
            double sum = 0;
            for (float f : perToken[i]) {
                sum += f;
            }
            out[i] = sum;
        }
        return out;
    }

    /**
     * log p(candidate | prefix) for candidates of the token after each prefix; a prefix starts with
     * BEGIN. Used for the agreement test: prefix up to the verb, candidates the two verb forms.
     *
     * @return [n][candidates of that prefix]
     */
    public float[][] nextTokenLogProbs(List<int[]> prefixes, List<int[]> candidates) {
        requireObjective(Objective.LM);
        if (prefixes.size() != candidates.size()) {
            throw new IllegalArgumentException("one candidate list per prefix");
        }
        // A prefix of n tokens is read as a "sentence" of n + 1 tokens whose last one is a
        // placeholder; position n − 1 then predicts the token after the prefix.
        List<int[]> padded = new ArrayList<>();
        for (int[] p : prefixes) {
            if (p.length < 1 || p.length > config.maxLength()) {
                throw new IllegalArgumentException(
                        "a prefix needs 1.." + config.maxLength() + " tokens, got " + p.length);
            }
            int[] s = Arrays.copyOf(p, p.length + 1);
            s[p.length] = Vocabulary.END;
            padded.add(s);
        }
        float[][] out = new float[prefixes.size()][];
        lmForward(
                padded,
                (offset, list) -> {
                    NDArray logp = list.get(0).logSoftmax(-1);
                    for (int i = 0; i < logp.getShape().get(0); i++) {
                        int last = prefixes.get(offset + i).length - 1;
                        float[] dist = logp.get(new NDIndex("{}, {}, :", i, last)).toFloatArray();
                        int[] c = candidates.get(offset + i);
                        float[] row = new float[c.length];
                        for (int j = 0; j < c.length; j++) {
                            row[j] = dist[c[j]];
                        }
                        out[offset + i] = row;
                    }
                });
        return out;
    }

    private void classificationForward(
            List<Example> examples, BiConsumer<Integer, NDList> consumer) {
        for (int start = 0; start < examples.size(); start += CHUNK) {
            List<Example> chunk = examples.subList(start, Math.min(examples.size(), start + CHUNK));
            try (NDManager sub = manager.newSubManager()) {
                NDList out = forward(sub, Batch.classification(chunk, config));
                consumer.accept(start, out);
            }
        }
    }

    private void lmForward(List<int[]> sentences, BiConsumer<Integer, NDList> consumer) {
        for (int start = 0; start < sentences.size(); start += CHUNK) {
            List<int[]> chunk = sentences.subList(start, Math.min(sentences.size(), start + CHUNK));
            try (NDManager sub = manager.newSubManager()) {
                NDList out = forward(sub, Batch.lm(chunk, config));
                consumer.accept(start, out);
            }
        }
    }

    /** Evaluation-mode forward pass of one batch; arrays belong to {@code sub}. */
    public NDList forward(NDManager sub, Batch batch) {
        NDList out = block.forward(new ParameterStore(sub, false), batch.inputs(sub), false);
        for (NDArray a : out) {
            a.attach(sub);
        }
        return out;
    }

    private static float[][] rows(NDArray matrix) {
        int n = (int) matrix.getShape().get(0);
        int w = (int) matrix.getShape().get(1);
        float[] flat = matrix.toFloatArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * w, i * w + w);
        }
        return out;
    }

    private void requireObjective(Objective objective) {
        if (config.objective() != objective) {
            throw new IllegalStateException(
                    "model " + config.name() + " is trained for " + config.objective());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
