package kd.loader.prep.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import kd.common.json.Json;
import kd.loader.prep.vocab.Tokenizer;

/**
 * Reads BLiMP JSONL: one JSON object a line with {@code sentence_good} and {@code sentence_bad}.
 * Both are split into words by {@link Tokenizer}. A line that is not such an object is rejected;
 * blank lines are skipped.
 */
public final class BlimpReader {

    private BlimpReader() {}

    /** The pairs of {@code file}; malformed lines go to {@code rejections}. */
    public static List<TextPair> read(SourceFile file, Rejections rejections) {
        List<TextPair> pairs = new ArrayList<>();
        file.forEachLine(
                (number, line) -> {
                    if (line.isBlank()) {
                        return;
                    }
                    JsonNode node;
                    try {
                        node = Json.mapper().readTree(line);
                    } catch (Exception e) {
                        rejections.reject(file.name(), number, "not valid JSON");
                        return;
                    }
                    JsonNode good = node == null ? null : node.get("sentence_good");
                    JsonNode bad = node == null ? null : node.get("sentence_bad");
                    if (good == null || bad == null || !good.isTextual() || !bad.isTextual()) {
                        rejections.reject(
                                file.name(), number, "no sentence_good and sentence_bad text");
                        return;
                    }
                    pairs.add(
                            new TextPair(
                                    file.name() + ":" + number,
                                    Tokenizer.words(good.asText()),
                                    Tokenizer.words(bad.asText())));
                },
                rejections);
        return pairs;
    }
}
