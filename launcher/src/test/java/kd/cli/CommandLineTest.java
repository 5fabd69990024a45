package kd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import kd.common.data.DatasetManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kd} command line, in this JVM: its output, its one-line errors and exit codes. */
class CommandLineTest {

    static final Path SHARED =
            Path.of(System.getProperty("kd.shared.dir")).toAbsolutePath().normalize();
    static final Path NUMPRED = SHARED.resolve("data/agreement/linzen-numpred");

    /** What a command printed and returned. */
    record Outcome(int code, String out, String err) {}

    static Outcome kd(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Kd.execute(args);
            return new Outcome(
                    code,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void prepareReadsTheRealNumpredFilesAndPrintsTheManifest() {
        Outcome o =
                kd(
                        "prepare",
                        "--format",
                        "numpred",
                        "--input",
                        NUMPRED.resolve("numpred.val").toString(),
                        "--test-set",
                        "numpred.test.3=" + NUMPRED.resolve("numpred.test.3"),
                        "--split",
                        "1,0,0",
                        "--data-root",
                        SHARED.toString());

        assertEquals(0, o.code(), o.err());
        DatasetManifest manifest =
                DatasetManifest.fromJson(o.out().getBytes(StandardCharsets.UTF_8));
        // SOURCES.md: numpred.val is 15,772 lines, 10,763 VBZ and 5,009 VBP;
        // numpred.test.3 holds 2,051 items with exactly 3 attractors.
        assertEquals(Map.of("singular", 10_763, "plural", 5_009), manifest.counts().get("train"));
        SortedMap<String, Integer> test3 = manifest.counts().get("numpred.test.3");
        assertEquals(2_051, test3.get("singular") + test3.get("plural"));
        assertEquals(Map.of(3, 2_051), manifest.attractors().get("numpred.test.3"));
        assertEquals(0, manifest.rejected().size());
    }

    @Test
    void prepareRefusesAFileOutsideTheDataRootsInOneLine(@TempDir Path elsewhere)
            throws IOException {
        Path file = Files.writeString(elsewhere.resolve("x.val"), "VBZ\tthe dog\n");

        Outcome o =
                kd(
                        "prepare",
                        "--format",
                        "numpred",
                        "--input",
                        file.toString(),
                        "--data-root",
                        SHARED.toString());

        assertEquals(2, o.code());
        assertEquals(
                "kd: dataset file "
                        + file
                        + " is outside the data roots ["
                        + SHARED
                        + "] (see --data-root)\n",
                o.err());
    }

    @Test
    void anInvalidRunCommandIsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        Map<String, String> cases =
                Map.of(
                        "{\"runId\": \"r\", \"students\": [{\"model\": \"rnn\"}]}",
                        "kd: students: unknown model 'rnn'; known models are [lstm, small-lstm,"
                                + " transformer, small-transformer, transformer-seq, ut-seq]",
                        "{\"runId\": \"r\", \"students\": [{\"model\": \"lstm\"}],"
                                + " \"training\": {\"epochs\": -1}}",
                        "kd: training.epochs must be within 1..1000, not -1",
                        "{\"runId\": \"r\", \"students\": [{\"model\": \"lstm\"}],"
                                + " \"distillation\": {\"temperature\": 0}}",
                        "kd: distillation.temperature must be > 0, not 0.0",
                        "{\"runId\": \"r\", \"students\": [{\"model\": \"lstm\"}],"
                                + " \"distillation\": {\"ratio\": -0.5}}",
                        "kd: distillation.ratio must be within [0, 1], not -0.5",
                        "{\"runId\": \"r\", \"students\": [{\"model\": \"lstm\"}],"
                                + " \"dataset\": {\"format\": \"numpred\","
                                + " \"train\": [\"no/such/file.val\"]}}",
                        "kd: dataset file no/such/file.val does not exist");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = Files.writeString(dir.resolve("command-" + i++ + ".json"), c.getKey());

            Outcome o = kd("run", file.toString(), "--data-root", dir.toString());

            assertEquals(2, o.code(), c.getKey());
            assertEquals(c.getValue() + "\n", o.err(), c.getKey());
        }
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"demo", "run", "stack", "prepare"}) {
            Outcome o = kd(command, "--help");
            assertEquals(0, o.code(), command);
            assertTrue(o.out().startsWith("Usage: kd " + command), o.out());
        }
    }
}
