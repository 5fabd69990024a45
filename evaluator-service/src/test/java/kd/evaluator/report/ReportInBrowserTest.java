package kd.evaluator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the written report in headless Chromium, from files on disk, and checks that every image
 * loads and the console stays silent. Skipped where no Chromium is installed.
 *
 * <p>The report has no script of its own; the test appends one to a copy of the page that records,
 * once the page has loaded, which images failed, and reads it back from the dumped DOM.
 */
class ReportInBrowserTest {

    private static final String PROBE =
            "<script>window.addEventListener('load', () => {"
                    + " const broken = [...document.images]"
                    + ".filter(i => !i.complete || i.naturalWidth === 0)"
                    + ".map(i => i.getAttribute('src'));"
                    + " document.body.setAttribute('data-broken', broken.join(' '));"
                    + " document.body.setAttribute('data-loaded', String(document.images.length));"
                    + " });</script>";

    private static final Pattern BODY = Pattern.compile("<body([^>]*)>");

    @TempDir Path site;
    @TempDir Path profile;

    @Test
    void everyImageLoadsAndTheConsoleStaysSilent() throws Exception {
        Optional<Path> chromium = findChromium();
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium on PATH");

        Map<String, byte[]> out =
                ReportRenderer.render(
                        Fixtures.RUN, ReportRendererTest.run(), ReportRendererTest.layout());
        for (Map.Entry<String, byte[]> e : out.entrySet()) {
            Files.write(site.resolve(e.getKey()), e.getValue());
        }
        String html = ReportRendererTest.html(out);
        Path probe = site.resolve("probe.html");
        Files.writeString(probe, html.replace("</body>", PROBE + "</body>"));

        Result result = open(chromium.get(), probe);

        Matcher body = BODY.matcher(result.dom());
        assertTrue(body.find(), "no body in the dumped DOM");
        // Six images: distance, attractors, three reliability diagrams, MDS.
        assertTrue(body.group(1).contains("data-loaded=\"6\""), body.group(1));
        assertTrue(body.group(1).contains("data-broken=\"\""), body.group(1));
        assertEquals(4, result.dom().split("<tr data-variant=", -1).length - 1);
        List<String> console = result.log().lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console);
    }

    private record Result(String dom, String log) {}

    private Result open(Path chromium, Path page) throws IOException, InterruptedException {
        Path dom = site.resolve("dom.txt");
        Path log = site.resolve("log.txt");
        Process process =
                new ProcessBuilder(
                                chromium.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run",
                                "--user-data-dir=" + profile,
                                "--enable-logging=stderr",
                                "--v=0",
                                "--virtual-time-budget=5000",
                                "--dump-dom",
                                page.toUri().toString())
                        .redirectOutput(dom.toFile())
                        .redirectError(log.toFile())
                        .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        return new Result(
                Files.readString(dom, StandardCharsets.UTF_8),
                Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Optional<Path> findChromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
