package kd.common.metrics;

import java.util.ArrayList;
import java.util.List;
import kd.common.data.Example;

/**
 * Agreement accuracy of a language model: at the verb position, the model is right when it gives
 * the correct verb form a higher log-probability than the same verb with the other number.
 *
 * <p>An item whose verb has no known singular/plural pair cannot be scored; it is left out and
 * counted. A tie between the two forms counts as wrong.
 */
public final class LmAgreement {

    /** Marks an item whose verb has no known pair. */
    public static final double NO_PAIR = Double.NaN;

    /**
     * @param accuracy over the items that could be scored
     * @param excluded items left out because no verb pair was known
     */
    public record Result(AgreementAccuracy accuracy, int excluded) {}

    private LmAgreement() {}

    /**
     * @param correctForm ln P(correct verb form) at each item's verb position
     * @param otherForm ln P(other-number form), or {@link #NO_PAIR}
     * @throws IllegalArgumentException when no item can be scored
     */
    public static Result compute(List<Example> items, double[] correctForm, double[] otherForm) {
        if (correctForm.length != items.size() || otherForm.length != items.size()) {
            throw new IllegalArgumentException(
                    "items: "
                            + items.size()
                            + ", scores: "
                            + correctForm.length
                            + " and "
                            + otherForm.length);
        }
        List<Example> scored = new ArrayList<>();
        List<Boolean> correct = new ArrayList<>();
        int excluded = 0;
        for (int i = 0; i < items.size(); i++) {
            if (Double.isNaN(otherForm[i])) {
                excluded++;
                continue;
            }
            scored.add(items.get(i));
            correct.add(correctForm[i] > otherForm[i]);
        }
        if (scored.isEmpty()) {
            throw new IllegalArgumentException(
                    "none of " + items.size() + " items has a known verb pair");
        }
        boolean[] hits = new boolean[correct.size()];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = correct.get(i);
        }
        return new Result(AgreementMetrics.compute(scored, hits), excluded);
    }
}
