package kd.evaluator.report;

import static kd.evaluator.report.Fixtures.classification;
import static kd.evaluator.report.Fixtures.lm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import kd.common.events.ModelEvaluated;
import kd.common.events.ModelId;
import kd.common.metrics.MdsPoint;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

    private static final Pattern ROW =
            Pattern.compile("<tr data-variant=\"([^\"]*)\" data-test-set=\"([^\"]*)\">(.*?)</tr>");
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>");
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]*)\"");

    /**
     * transformer, seeds 1 and 2: μ 0.95, 0.97 → 0.960 ± 0.01·√2 = 0.014; ECE 0.05, 0.07 → 0.060 ±
     * 0.014. Seed 1 is delivered twice and counts once.
     *
     * <p>transformer&lt;-lstm, seeds 1..3: μ 0.96, 0.97, 0.98 → 0.970 ± 0.010; ECE 0.04, 0.05, 0.06
     * → 0.050 ± 0.010.
     *
     * <p>lstm, seed 1: μ 0.978 ± 0.000, ECE 0.030 ± 0.000. lstm on the extra set {@code hard}: μ
     * 0.800, ECE 0.100, and no paper numbers.
     */
    static List<ModelEvaluated> run() {
        return List.of(
                classification(ModelId.student("transformer", 1, null), "test", 0.95, 0.05),
                classification(ModelId.student("transformer", 2, null), "test", 0.97, 0.07),
                classification(ModelId.student("transformer", 1, null), "test", 0.95, 0.05),
                classification(ModelId.student("transformer", 1, "lstm"), "test", 0.96, 0.04),
                classification(ModelId.student("transformer", 2, "lstm"), "test", 0.97, 0.05),
                classification(ModelId.student("transformer", 3, "lstm"), "test", 0.98, 0.06),
                classification(ModelId.teacher("lstm", 1), "test", 0.978, 0.03),
                classification(ModelId.teacher("lstm", 1), "hard", 0.8, 0.1));
    }

    static List<MdsPoint> layout() {
        return List.of(
                new MdsPoint("lstm", 0.3, 0.0),
                new MdsPoint("transformer", -0.2, 0.1),
                new MdsPoint("transformer<-lstm", -0.1, -0.1));
    }

    private static Map<String, List<String>> rows(String html) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(3));
            while (cell.find()) {
                cells.add(cell.group(1));
            }
            rows.put(row.group(1) + " / " + row.group(2), cells);
        }
        return rows;
    }

    @Test
    void tableHasOneRowPerVariantAndTestSetWithOurMeansBesideThePapers() {
        String html = html(ReportRenderer.render(Fixtures.RUN, run(), layout()));
        Map<String, List<String>> rows = rows(html);

        // Columns: variant, test set, seeds, μ, paper μ, ECE, paper ECE, A, paper A (LM), ppl.
        assertEquals(
                List.of(
                        "lstm / test",
                        "transformer / test",
                        "transformer&lt;-lstm / test",
                        "lstm / hard"),
                List.copyOf(rows.keySet()));
        assertEquals(
                List.of(
                        "lstm",
                        "test",
                        "1",
                        "0.978 ± 0.000",
                        "0.978",
                        "0.030 ± 0.000",
                        "0.028",
                        "0.978",
                        "",
                        ""),
                rows.get("lstm / test"));
        assertEquals(
                List.of(
                        "transformer",
                        "test",
                        "2",
                        "0.960 ± 0.014",
                        "0.954",
                        "0.060 ± 0.014",
                        "0.055",
                        "0.960",
                        "",
                        ""),
                rows.get("transformer / test"));
        assertEquals(
                List.of(
                        "transformer&lt;-lstm",
                        "test",
                        "3",
                        "0.970 ± 0.010",
                        "0.960",
                        "0.050 ± 0.010",
                        "0.048",
                        "0.970",
                        "",
                        ""),
                rows.get("transformer&lt;-lstm / test"));
        // The paper's numbers belong to its main test split, not to an extra test set.
        assertEquals(
                List.of(
                        "lstm",
                        "hard",
                        "1",
                        "0.800 ± 0.000",
                        "",
                        "0.100 ± 0.000",
                        "",
                        "0.800",
                        "",
                        ""),
                rows.get("lstm / hard"));
    }

    @Test
    void languageModelRowsShowThePapersAttractorAccuracyOnly() {
        // A-accuracy 0.92 and 0.94 → 0.930; perplexity 40 and 50 → 45.000; the paper's LM lstm
        // A-accuracy is 0.94, and its classification numbers do not apply.
        List<ModelEvaluated> evaluations =
                List.of(
                        lm(ModelId.teacher("lstm", 1), 0.95, 0.92, 40),
                        lm(ModelId.teacher("lstm", 2), 0.97, 0.94, 50));
        String html = html(ReportRenderer.render(Fixtures.RUN, evaluations, null));
        assertEquals(
                List.of(
                        "lstm",
                        "test",
                        "2",
                        "0.960 ± 0.014",
                        "",
                        "",
                        "",
                        "0.930",
                        "0.940",
                        "45.000"),
                rows(html).get("lstm / test"));
    }

    @Test
    void everyImageIsInTheOutputAndEveryChartDecodes() throws IOException {
        Map<String, byte[]> out = ReportRenderer.render(Fixtures.RUN, run(), layout());
        String html = html(out);

        List<String> sources = new ArrayList<>();
        Matcher img = IMG.matcher(html);
        while (img.find()) {
            sources.add(img.group(1));
        }
        // Distance, attractors, one reliability diagram per variant, MDS.
        assertEquals(
                List.of(
                        "accuracy-by-distance.png",
                        "accuracy-by-attractors.png",
                        "reliability-lstm.png",
                        "reliability-transformer.png",
                        "reliability-transformer-from-lstm.png",
                        "representation-mds.png"),
                sources);
        for (String source : sources) {
            assertTrue(out.containsKey(source), source);
        }
        assertEquals(sources.size() + 1, out.size());

        for (Map.Entry<String, byte[]> e : out.entrySet()) {
            if (e.getKey().endsWith(".png")) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(e.getValue()));
                assertNotNull(image, e.getKey());
                assertEquals(Charts.WIDTH, image.getWidth(), e.getKey());
                assertEquals(Charts.HEIGHT, image.getHeight(), e.getKey());
            }
        }
    }

    @Test
    void thePageIsSelfContained() {
        String html = html(ReportRenderer.render(Fixtures.RUN, run(), layout()));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<style>"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http:"));
        assertFalse(html.contains("https:"));
        assertFalse(html.contains("<link"));
        assertTrue(html.contains("20 equal-width bins, top-label, L1"));
    }

    @Test
    void withoutALayoutThereIsNoMdsChart() {
        Map<String, byte[]> out = ReportRenderer.render(Fixtures.RUN, run(), List.of());
        assertFalse(out.containsKey(ReportRenderer.MDS));
        assertFalse(html(out).contains(ReportRenderer.MDS));
    }

    @Test
    void namesAreEscapedAndMadeFileSafe() {
        assertEquals("a&lt;b&amp;&quot;c&quot;", ReportRenderer.escape("a<b&\"c\""));
        assertEquals("ut-seq-from-lstm", ReportRenderer.fileSafe("ut-seq<-lstm"));
    }

    static String html(Map<String, byte[]> out) {
        return new String(out.get(ReportRenderer.REPORT), StandardCharsets.UTF_8);
    }
}
