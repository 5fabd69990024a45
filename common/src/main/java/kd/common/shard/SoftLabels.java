package kd.common.shard;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One example's soft labels, as flat arrays in position order.
 *
 * <p>What the arrays hold depends on the shard's {@link PayloadKind}, with {@code P} positions,
 * {@code C} outputs and {@code k} entries per position:
 *
 * <ul>
 *   <li>{@code CLASSIFICATION}: {@code P = 1}; {@code values} the C class logits; no ids, no tail.
 *   <li>{@code LM_DENSE}: {@code values} P × C vocabulary logits; no ids, no tail.
 *   <li>{@code LM_TOPK}: {@code ids} and {@code values} P × k token ids and their logits, largest
 *       first; {@code tailLogMass} P entries, see {@link TopK}.
 *   <li>{@code LM_SAMPLED}: {@code ids} P × k sampled token ids, {@code values} their teacher
 *       probabilities; no tail, see {@link Sampled}.
 * </ul>
 *
 * <p>For the LM kinds, position t is the t-th non-padding prediction step of the example. The
 * arrays are shared, not copied: treat them as read-only.
 *
 * @param exampleId the {@link kd.common.data.Example#id()} the labels belong to
 * @param positions number of rows
 * @param ids token ids, empty for the dense kinds
 * @param values logits, or probabilities for {@code LM_SAMPLED}
 * @param tailLogMass per position, only for {@code LM_TOPK}; empty otherwise
 */
public record SoftLabels(
        String exampleId, int positions, int[] ids, float[] values, float[] tailLogMass) {

    private static final int[] NO_IDS = new int[0];
    private static final float[] NO_FLOATS = new float[0];

    public SoftLabels {
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(tailLogMass, "tailLogMass");
        if (positions < 0) {
            throw new IllegalArgumentException("negative positions for " + exampleId);
        }
    }

    public static SoftLabels classification(String exampleId, float[] logits) {
        return new SoftLabels(exampleId, 1, NO_IDS, logits, NO_FLOATS);
    }

    /** Dense LM labels from one row of vocabulary logits per position. */
    public static SoftLabels dense(String exampleId, List<float[]> rows) {
        int width = rows.isEmpty() ? 0 : rows.get(0).length;
        float[] values = new float[rows.size() * width];
        for (int t = 0; t < rows.size(); t++) {
            float[] row = rows.get(t);
            if (row.length != width) {
                throw new IllegalArgumentException(
                        "rows of different widths in "
                                + exampleId
                                + ": "
                                + width
                                + ", "
                                + row.length);
            }
            System.arraycopy(row, 0, values, t * width, width);
        }
        return new SoftLabels(exampleId, rows.size(), NO_IDS, values, NO_FLOATS);
    }

    public static SoftLabels topK(String exampleId, List<TopK> rows) {
        int k = rows.isEmpty() ? 0 : rows.get(0).ids().length;
        int[] ids = new int[rows.size() * k];
        float[] logits = new float[rows.size() * k];
        float[] tail = new float[rows.size()];
        for (int t = 0; t < rows.size(); t++) {
            TopK row = rows.get(t);
            if (row.ids().length != k) {
                throw new IllegalArgumentException(
                        "rows with different k in "
                                + exampleId
                                + ": "
                                + k
                                + ", "
                                + row.ids().length);
            }
            System.arraycopy(row.ids(), 0, ids, t * k, k);
            System.arraycopy(row.logits(), 0, logits, t * k, k);
            tail[t] = row.tailLogMass();
        }
        return new SoftLabels(exampleId, rows.size(), ids, logits, tail);
    }

    public static SoftLabels sampled(String exampleId, List<Sampled> rows) {
        int k = rows.isEmpty() ? 0 : rows.get(0).ids().length;
        int[] ids = new int[rows.size() * k];
        float[] probabilities = new float[rows.size() * k];
        for (int t = 0; t < rows.size(); t++) {
            Sampled row = rows.get(t);
            if (row.ids().length != k) {
                throw new IllegalArgumentException(
                        "rows with different k in "
                                + exampleId
                                + ": "
                                + k
                                + ", "
                                + row.ids().length);
            }
            System.arraycopy(row.ids(), 0, ids, t * k, k);
            System.arraycopy(row.probabilities(), 0, probabilities, t * k, k);
        }
        return new SoftLabels(exampleId, rows.size(), ids, probabilities, NO_FLOATS);
    }

    /** The logits of one position, for the dense kinds (position 0 for classification). */
    public float[] logits(int position) {
        checkPosition(position);
        if (ids.length > 0) {
            throw new IllegalStateException("sparse labels have no dense row; use topK or sampled");
        }
        int width = values.length / positions;
        return Arrays.copyOfRange(values, position * width, (position + 1) * width);
    }

    /** One position of {@code LM_TOPK} labels. */
    public TopK topK(int position) {
        checkPosition(position);
        if (tailLogMass.length != positions) {
            throw new IllegalStateException("labels of " + exampleId + " are not top-k");
        }
        int k = ids.length / positions;
        return new TopK(
                Arrays.copyOfRange(ids, position * k, (position + 1) * k),
                Arrays.copyOfRange(values, position * k, (position + 1) * k),
                tailLogMass[position]);
    }

    /** One position of {@code LM_SAMPLED} labels. */
    public Sampled sampled(int position) {
        checkPosition(position);
        if (ids.length == 0 || tailLogMass.length != 0) {
            throw new IllegalStateException("labels of " + exampleId + " are not sampled");
        }
        int k = ids.length / positions;
        return new Sampled(
                Arrays.copyOfRange(ids, position * k, (position + 1) * k),
                Arrays.copyOfRange(values, position * k, (position + 1) * k));
    }

    private void checkPosition(int position) {
        if (position < 0 || position >= positions) {
            throw new IndexOutOfBoundsException(
                    "position " + position + " of " + positions + " in " + exampleId);
        }
    }

    /** Equal when every array is equal bit for bit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SoftLabels s
                && exampleId.equals(s.exampleId)
                && positions == s.positions
                && Arrays.equals(ids, s.ids)
                && Arrays.equals(values, s.values)
                && Arrays.equals(tailLogMass, s.tailLogMass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                exampleId,
                positions,
                Arrays.hashCode(ids),
                Arrays.hashCode(values),
                Arrays.hashCode(tailLogMass));
    }

    @Override
    public String toString() {
        return "SoftLabels["
                + exampleId
                + ", "
                + positions
                + " positions, "
                + ids.length
                + " ids, "
                + values.length
                + " values]";
    }
}
