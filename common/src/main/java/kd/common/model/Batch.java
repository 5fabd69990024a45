package kd.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import kd.common.data.Example;
import kd.common.data.Vocabulary;

/**
 * Token ids of several sequences, right-padded with {@link Vocabulary#PAD} to the longest one.
 *
 * <p>Classification rows are the example's {@code input}, after a {@link Vocabulary#CLS} token for
 * models that read one; a row longer than {@code maxLength} keeps its last tokens (the CLS token
 * stays first), because the end of a prefix sits next to the verb. LM rows are a sentence without
 * its last token, and {@code targets} the same sentence shifted by one (next-token prediction); a
 * sentence longer than {@code maxLength + 1} tokens is cut at the end, so its positions past {@code
 * maxLength} are not predicted.
 *
 * @param tokens [rows][width], PAD after each row's length
 * @param lengths real tokens of each row, at least 1
 * @param targets LM next tokens aligned with {@code tokens}, PAD where there is none; null for
 *     classification
 */
public record Batch(int[][] tokens, int[] lengths, int[][] targets) {

    /** Rows for the classification objective. */
    public static Batch classification(List<Example> examples, ModelConfig config) {
        int n = examples.size();
        int[][] rows = new int[n][];
        int cls = config.readsClsToken() ? 1 : 0;
        for (int i = 0; i < n; i++) {
            int[] input = examples.get(i).input();
            int keep = Math.min(input.length, config.maxLength() - cls);
            int[] row = new int[keep + cls];
            if (cls == 1) {
                row[0] = Vocabulary.CLS;
            }
            System.arraycopy(input, input.length - keep, row, cls, keep);
            if (row.length == 0) {
                throw new IllegalArgumentException(
                        "example " + examples.get(i).id() + " has an empty input");
            }
            rows[i] = row;
        }
        return pad(rows, null);
    }

    /** Rows for the LM objective from whole sentences (BEGIN ... END), at least 2 tokens each. */
    public static Batch lm(List<int[]> sentences, ModelConfig config) {
        int n = sentences.size();
        int[][] rows = new int[n][];
        int[][] next = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] s = sentences.get(i);
            if (s.length < 2) {
                throw new IllegalArgumentException("an LM sentence needs at least 2 tokens");
            }
            int positions = Math.min(s.length - 1, config.maxLength());
            rows[i] = java.util.Arrays.copyOfRange(s, 0, positions);
            next[i] = java.util.Arrays.copyOfRange(s, 1, positions + 1);
        }
        return pad(rows, next);
    }

    /** LM positions a sentence of {@code sentenceLength} tokens gets under {@code config}. */
    public static int lmPositions(int sentenceLength, ModelConfig config) {
        return Math.max(0, Math.min(sentenceLength - 1, config.maxLength()));
    }

    private static Batch pad(int[][] rows, int[][] next) {
        int width = 1;
        for (int[] r : rows) {
            width = Math.max(width, r.length);
        }
        int[][] tokens = new int[rows.length][width];
        int[][] targets = next == null ? null : new int[rows.length][width];
        int[] lengths = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, tokens[i], 0, rows[i].length);
            if (targets != null) {
                System.arraycopy(next[i], 0, targets[i], 0, next[i].length);
            }
            lengths[i] = rows[i].length;
        }
        return new Batch(tokens, lengths, targets);
    }

    public int size() {
        return tokens.length;
    }

    public int width() {
        return tokens.length == 0 ? 0 : tokens[0].length;
    }

    /** Real tokens in the whole batch. */
    public int realTokens() {
        int sum = 0;
        for (int l : lengths) {
            sum += l;
        }
        return sum;
    }

    /** The block's inputs: tokens [B, L] and lengths [B], both int64. */
    public NDList inputs(NDManager manager) {
        return new NDList(ids(manager, tokens), manager.create(toLong(lengths)));
    }

    /** LM targets [B, L] int64. */
    public NDArray targetArray(NDManager manager) {
        return ids(manager, targets);
    }

    /** 1 at real positions, 0 at padding: [B, L] float32. */
    public NDArray mask(NDManager manager) {
        float[] m = new float[size() * width()];
        for (int i = 0; i < lengths.length; i++) {
            for (int j = 0; j < lengths[i]; j++) {
                m[i * width() + j] = 1f;
            }
        }
        return manager.create(m, new Shape(size(), width()));
    }

    static NDArray ids(NDManager manager, int[][] rows) {
        int w = rows.length == 0 ? 0 : rows[0].length;
        long[] flat = new long[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < w; j++) {
                flat[i * w + j] = rows[i][j];
            }
        }
        return manager.create(flat, new Shape(rows.length, w));
    }

    private static long[] toLong(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
