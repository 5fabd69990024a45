package kd.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.List;
import kd.common.json.Json;
import org.junit.jupiter.api.Test;

/** Each invalid run command gets exactly one line that names what to fix. */
class RunValidatorTest {

    private static List<String> problems(String json) {
        return RunValidator.problems(RunDefaults.apply(Json.read(json, RunExperiment.class)));
    }

    private static final String STUDENTS = "\"students\": [{\"model\": \"transformer\"}]";

    @Test
    void theDefaultsMakeAMinimalCommandValid() {
        assertEquals(List.of(), problems("{\"runId\": \"r1\", " + STUDENTS + "}"));
    }

    @Test
    void defaultsAreScenarioOneOfThePaper() {
        RunExperiment c =
                RunDefaults.apply(
                        Json.read("{\"runId\": \"r1\", " + STUDENTS + "}", RunExperiment.class));
        assertEquals(1.0, c.distillation().temperature());
        assertEquals(1.0, c.distillation().ratio());
        assertEquals(20, c.evaluation().eceBins());
        assertEquals("top-label", c.evaluation().eceScope());
        assertEquals("lstm", c.teachers().get(0).model());
        assertEquals(List.of("distilled", "baseline"), c.students().get(0).modes());
    }

    @Test
    void eachBadFieldGivesOneClearLine() {
        assertEquals(
                List.of(
                        "students: unknown model 'gpt'; known models are [lstm, small-lstm,"
                                + " transformer, small-transformer, transformer-seq, ut-seq]"),
                problems("{\"runId\": \"r1\", \"students\": [{\"model\": \"gpt\"}]}"));
        assertEquals(
                List.of("training.epochs must be within 1..1000, not -2"),
                problems("{\"runId\": \"r1\", " + STUDENTS + ", \"training\": {\"epochs\": -2}}"));
        assertEquals(
                List.of("distillation.temperature must be > 0, not 0.0"),
                problems(
                        "{\"runId\": \"r1\", "
                                + STUDENTS
                                + ", \"distillation\": {\"temperature\": 0}}"));
        assertEquals(
                List.of("distillation.ratio must be within [0, 1], not 1.5"),
                problems(
                        "{\"runId\": \"r1\", "
                                + STUDENTS
                                + ", \"distillation\": {\"ratio\": 1.5}}"));
        assertEquals(
                List.of(
                        "runId '../x' must be 1-80 letters, digits, '.', '_' or '-', start with a"
                                + " letter or digit, and contain no '..'"),
                problems("{\"runId\": \"../x\", " + STUDENTS + "}"));
        assertEquals(List.of("runId is missing"), problems("{" + STUDENTS + "}"));
        assertEquals(
                List.of("seeds [1, 1] must be distinct numbers"),
                problems("{\"runId\": \"r1\", " + STUDENTS + ", \"seeds\": [1, 1]}"));
    }

    @Test
    void impossibleModelSizesAreRefusedBeforeAnythingTrains() {
        assertEquals(
                List.of(
                        "students: transformer: model sizes must be positive: embedding, hidden,"
                                + " layers, steps, maxLength"),
                problems(
                        "{\"runId\": \"r1\", \"students\": [{\"model\": \"transformer\","
                                + " \"overrides\": {\"hidden\": -5}}]}"));
    }

    @Test
    void aMisspeltFieldIsAnErrorNotADefault() {
        UncheckedIOException e =
                assertThrows(
                        UncheckedIOException.class,
                        () ->
                                Json.readStrict(
                                        "{\"runId\": \"r1\", \"distilation\": {}}",
                                        RunExperiment.class));
        assertTrue(
                e.getCause().getMessage().startsWith("Unrecognized field \"distilation\""),
                e.getCause().getMessage());
    }
}
