package kd.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void paperPresetHasThePaperSizes() {
        ModelConfig lstm =
                ModelConfig.resolve("lstm", "paper", null, Objective.CLASSIFICATION, 100);
        assertEquals(256, lstm.embedding());
        assertEquals(256, lstm.hidden());
        assertEquals(2, lstm.layers());
        ModelConfig t = ModelConfig.resolve("transformer", "paper", null, Objective.LM, 100);
        assertEquals(128, t.hidden());
        assertEquals(6, t.layers());
        assertEquals(8, t.heads());
        assertEquals(512, t.ffn());
        ModelConfig small =
                ModelConfig.resolve("small-transformer", "paper", null, Objective.LM, 100);
        assertEquals(64, small.hidden());
        ModelConfig ut = ModelConfig.resolve("ut-seq", "paper", null, Objective.LM, 100);
        assertEquals(256, ut.hidden());
        assertEquals(6, ut.steps());
    }

    @Test
    void overridesReplacePresetValuesAndWidthMovesBothTransformerFields() {
        ModelConfig c =
                ModelConfig.resolve(
                        "transformer-seq",
                        "demo",
                        Map.of("hidden", 48.0, "dropout", 0.0, "tiedEmbeddings", 1.0),
                        Objective.LM,
                        50);
        assertEquals(48, c.hidden());
        assertEquals(48, c.embedding());
        assertEquals(0.0, c.dropout());
        assertTrue(c.tiedEmbeddings());
    }

    @Test
    void unknownNamesAndKeysAreOneLineErrors() {
        var name =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelConfig.resolve("gru", "demo", null, Objective.LM, 50));
        assertTrue(name.getMessage().startsWith("unknown model 'gru'"));
        var key =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ModelConfig.resolve(
                                        "lstm", "demo", Map.of("width", 3.0), Objective.LM, 50));
        assertTrue(key.getMessage().startsWith("unknown override 'width'"));
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelConfig.resolve("lstm", "huge", null, Objective.LM, 50));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ModelConfig.resolve(
                                "transformer", "demo", Map.of("heads", 5.0), Objective.LM, 50));
        assertEquals(6, ModelConfig.MODEL_NAMES.size());
    }
}
