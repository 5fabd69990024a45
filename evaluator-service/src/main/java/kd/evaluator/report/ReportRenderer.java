package kd.evaluator.report;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kd.common.events.ModelEvaluated;
import kd.common.events.RunCompleted.ResultRow;
import kd.common.metrics.AgreementAccuracy;
import kd.common.metrics.BinAccuracy;
import kd.common.metrics.MdsPoint;
import kd.evaluator.report.PaperResults.PaperResult;

/**
 * Renders a run's report: {@code report.html} and the PNG charts it shows, by file name.
 *
 * <p>The page is self-contained: inline CSS, no script, no external address; it refers to the
 * charts by bare file names, so the files must be stored side by side. Charts are drawn for the
 * main test set ({@code test}), or for the first test set when there is no {@code test}; extra test
 * sets appear in the table only.
 */
public final class ReportRenderer {

    public static final String REPORT = "report.html";
    public static final String BY_DISTANCE = "accuracy-by-distance.png";
    public static final String BY_ATTRACTORS = "accuracy-by-attractors.png";
    public static final String MDS = "representation-mds.png";

    private static final String CSS =
            """
            body { font-family: sans-serif; margin: 2em; color: #222; max-width: 70em; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: right; }
            th { background: #eee; }
            td.name { text-align: left; font-family: monospace; }
            td.paper { color: #555; background: #f7f7f7; }
            img { display: block; margin: 0.5em 0 1.5em; max-width: 100%; height: auto; }
            p.note { color: #555; font-size: 0.9em; }
            """;

    private ReportRenderer() {}

    /** Renders with the table computed from the evaluations. */
    public static Map<String, byte[]> render(
            String runId, List<ModelEvaluated> evaluations, List<MdsPoint> layout) {
        return render(runId, evaluations, ResultTable.of(evaluations), layout);
    }

    /**
     * @param rows the comparison table, as {@link ResultTable#of(List)} computes it
     * @param layout MDS layout of the models' representations; null or empty for none
     * @return {@code report.html} first, then each chart it shows
     */
    public static Map<String, byte[]> render(
            String runId,
            List<ModelEvaluated> evaluations,
            List<ResultRow> rows,
            List<MdsPoint> layout) {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        String chartSet = chartTestSet(rows);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Run ")
                .append(escape(runId))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<h1>Run ")
                .append(escape(runId))
                .append("</h1>\n");

        // The comparison table.
        html.append("<h2>Results</h2>\n");
        html.append(
                        "<p class=\"note\">Ours: mean ± sample standard deviation over seeds. Paper: "
                                + "Abnar, Dehghani &amp; Zuidema (2020), scenario 1, read from its figures; "
                                + "classification μ-accuracy and ECE, and A-accuracy in the language-model "
                                + "setup. ECE here: ")
                .append(escape(eceSettings(evaluations)))
                .append(".</p>\n");
        html.append(table(rows));

        // Accuracy by distance and by attractors.
        if (chartSet != null) {
            Map<String, List<BinAccuracy>> distance =
                    SeedCurves.accuracy(evaluations, chartSet, AgreementAccuracy::byDistance);
            Map<String, List<BinAccuracy>> attractors =
                    SeedCurves.accuracy(evaluations, chartSet, AgreementAccuracy::byAttractors);
            charts.put(
                    BY_DISTANCE,
                    Charts.accuracyByBin(
                            "Accuracy by subject–verb distance (" + chartSet + ")",
                            "distance (words)",
                            distance));
            charts.put(
                    BY_ATTRACTORS,
                    Charts.accuracyByBin(
                            "Accuracy by attractors (" + chartSet + ")",
                            "attractors (all intervening nouns)",
                            attractors));
            html.append("<h2>Accuracy by distance</h2>\n")
                    .append(image(BY_DISTANCE, "accuracy by subject-verb distance, per variant"))
                    .append(
                            "<p class=\"note\">Distances 1 to 16, items with at most 4 intervening"
                                    + " nouns; a bin's value is the mean over seeds.</p>\n");
            html.append("<h2>Accuracy by attractors</h2>\n")
                    .append(image(BY_ATTRACTORS, "accuracy by number of attractors, per variant"))
                    .append(
                            "<p class=\"note\">Only items whose intervening nouns are all"
                                    + " attractors.</p>\n");

            // Reliability diagrams, one per variant with calibration.
            Map<String, SeedCurves.Pooled> reliability =
                    SeedCurves.reliability(evaluations, chartSet);
            if (!reliability.isEmpty()) {
                html.append("<h2>Reliability</h2>\n");
            }
            for (Map.Entry<String, SeedCurves.Pooled> e : reliability.entrySet()) {
                String name = "reliability-" + fileSafe(e.getKey()) + ".png";
                SeedCurves.Pooled pooled = e.getValue();
                charts.put(
                        name,
                        Charts.reliability(
                                e.getKey() + ", " + pooled.seeds() + " seed(s) pooled",
                                pooled.settings(),
                                pooled.bins()));
                html.append("<h3>")
                        .append(escape(e.getKey()))
                        .append("</h3>\n")
                        .append(image(name, "reliability diagram of " + e.getKey()));
            }
        }

        // Representation similarity.
        if (layout != null && !layout.isEmpty()) {
            charts.put(MDS, Charts.mds("Models by representation similarity", layout));
            html.append("<h2>Representation similarity</h2>\n")
                    .append(image(MDS, "MDS layout of the models"))
                    .append(
                            "<p class=\"note\">Classical MDS of 1 − the correlation between"
                                    + " models' item-by-item cosine similarities.</p>\n");
        }
        html.append("</body>\n</html>\n");

        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(REPORT, html.toString().getBytes(StandardCharsets.UTF_8));
        out.putAll(charts);
        return out;
    }

    private static String table(List<ResultRow> rows) {
        StringBuilder t = new StringBuilder();
        t.append("<table>\n<thead>\n<tr><th>variant</th><th>test set</th><th>seeds</th>")
                .append("<th>μ-accuracy</th><th>paper</th><th>ECE</th><th>paper</th>")
                .append("<th>A-accuracy</th><th>paper (LM)</th><th>perplexity</th></tr>\n")
                .append("</thead>\n<tbody>\n");
        for (ResultRow row : rows) {
            // The paper's numbers are for its own test split; an extra test set gets none.
            PaperResult paper =
                    row.testSet().equals(ResultTable.MAIN_TEST_SET)
                            ? PaperResults.of(row.variant())
                            : null;
            // A row without ECE, or with a perplexity, comes from the language-model setup.
            boolean lm = row.perplexityMean() != null || row.eceMean() == null;
            t.append("<tr data-variant=\"")
                    .append(escape(row.variant()))
                    .append("\" data-test-set=\"")
                    .append(escape(row.testSet()))
                    .append("\">")
                    .append(cell("name", row.variant()))
                    .append(cell("name", row.testSet()))
                    .append(cell(null, Integer.toString(row.seeds())))
                    .append(cell(null, meanStd(row.accuracyMean(), row.accuracyStd())))
                    .append(cell("paper", paper == null || lm ? "" : number(paper.microAccuracy())))
                    .append(
                            cell(
                                    null,
                                    row.eceMean() == null
                                            ? ""
                                            : meanStd(row.eceMean(), row.eceStd())))
                    .append(cell("paper", paper == null || lm ? "" : number(paper.ece())))
                    .append(cell(null, number(row.attractorAccuracyMean())))
                    .append(
                            cell(
                                    "paper",
                                    paper == null || !lm
                                            ? ""
                                            : number(paper.lmAttractorAccuracy())))
                    .append(cell(null, number(row.perplexityMean())))
                    .append("</tr>\n");
        }
        return t.append("</tbody>\n</table>\n").toString();
    }

    /** The test set the charts show: {@code test}, else the first row's. */
    private static String chartTestSet(List<ResultRow> rows) {
        for (ResultRow row : rows) {
            if (row.testSet().equals(ResultTable.MAIN_TEST_SET)) {
                return row.testSet();
            }
        }
        return rows.isEmpty() ? null : rows.get(0).testSet();
    }

    private static String eceSettings(List<ModelEvaluated> evaluations) {
        Set<String> settings = new LinkedHashSet<>();
        for (ModelEvaluated e : evaluations) {
            if (e.calibration() != null) {
                settings.add(e.calibration().settings().describe());
            }
        }
        return settings.isEmpty() ? "none computed" : String.join("; ", settings);
    }

    private static String image(String file, String alt) {
        return "<img src=\""
                + escape(file)
                + "\" alt=\""
                + escape(alt)
                + "\" width=\""
                + Charts.WIDTH
                + "\" height=\""
                + Charts.HEIGHT
                + "\">\n";
    }

    private static String cell(String cssClass, String text) {
        return (cssClass == null ? "<td>" : "<td class=\"" + cssClass + "\">")
                + escape(text)
                + "</td>";
    }

    /** Three decimals, as the paper prints them. */
    static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String meanStd(double mean, double std) {
        return number(mean) + " ± " + number(std);
    }

    /** A variant name as a file name: {@code transformer<-lstm} → {@code transformer-from-lstm}. */
    static String fileSafe(String variant) {
        return variant.replace("<-", "-from-")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]", "_");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
