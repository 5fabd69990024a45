package kd.evaluator.report;

import java.util.Map;

/**
 * The numbers Abnar, Dehghani &amp; Zuidema (2020) report for scenario 1, to print beside ours.
 *
 * <p>Classification (μ-accuracy / ECE) for the baselines and for students distilled from an LSTM
 * teacher, and the A-accuracy of the language-model setup. The values are read off the paper's
 * figures to three decimals (the LM ones to two), so they carry a reading error of about one unit
 * in the last place. Keys are {@link kd.common.events.ModelId#variant()} names.
 */
public final class PaperResults {

    /**
     * @param microAccuracy classification μ-accuracy; null where the paper gives none
     * @param ece classification ECE (20 equal-width bins, top-label, L1); null where none
     * @param lmAttractorAccuracy A-accuracy in the LM setup; null where none
     */
    public record PaperResult(Double microAccuracy, Double ece, Double lmAttractorAccuracy) {}

    public static final Map<String, PaperResult> SCENARIO_1 =
            Map.of(
                    "lstm", new PaperResult(0.978, 0.028, 0.94),
                    "small-lstm", new PaperResult(null, null, 0.93),
                    "transformer", new PaperResult(0.954, 0.055, 0.92),
                    "small-transformer", new PaperResult(null, null, 0.93),
                    "transformer-seq", new PaperResult(0.964, 0.045, null),
                    "ut-seq", new PaperResult(0.969, 0.037, null),
                    "transformer<-lstm", new PaperResult(0.960, 0.048, null),
                    "transformer-seq<-lstm", new PaperResult(0.972, 0.036, null),
                    "ut-seq<-lstm", new PaperResult(0.975, 0.034, null));

    private PaperResults() {}

    /** The paper's numbers for a variant, or null when the paper has none. */
    public static PaperResult of(String variant) {
        return SCENARIO_1.get(variant);
    }
}
