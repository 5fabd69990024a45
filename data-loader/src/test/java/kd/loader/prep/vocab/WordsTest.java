package kd.loader.prep.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void tokenizerSplitsPunctuationAndClitics() {
        // Line 2 of BLiMP regular_plural_subject_verb_agreement_1.jsonl, split as EWT would.
        assertEquals(
                List.of("most", "legislatures", "have", "n't", "disliked", "children", "."),
                Tokenizer.words("Most legislatures haven't disliked children."));
        assertEquals(
                List.of("(", "it", "'s", "\"", "ok", "\"", ")"), Tokenizer.words("(It's \"ok\")"));
    }

    @Test
    void lemmaGuessUndoesTheThirdPersonEnding() {
        assertEquals("watch", VerbForms.lemma("watches", "VBZ"));
        assertEquals("try", VerbForms.lemma("tries", "VBZ"));
        assertEquals("run", VerbForms.lemma("runs", "VBZ"));
        assertEquals("go", VerbForms.lemma("goes", "VBZ"));
        assertEquals("be", VerbForms.lemma("is", "VBZ"));
        assertEquals("be", VerbForms.lemma("are", "VBP"));
        assertEquals("have", VerbForms.lemma("has", "VBZ"));
        assertEquals("watch", VerbForms.lemma("watch", "VBP"));
    }
}
