package kd.loader.prep.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kd.loader.prep.PreparationException;
import kd.loader.prep.vocab.VerbForms;

/**
 * Reads Linzen's full dependency table (agr_50_mostcommon_10K.tsv): a header line naming the 18
 * columns, then one agreement instance a line.
 *
 * <p>Columns used: {@code sentence} (space-separated, rare words already replaced by their tag),
 * {@code pos_sentence} (one tag per word), {@code verb_pos} (VBZ singular, VBP plural), {@code
 * subj_index} and {@code verb_index} (1-based word positions), {@code n_intervening} (nouns between
 * subject and verb), {@code n_diff_intervening} (those of them with the other number) and {@code
 * distance}. They map to {@code intervening = n_intervening} and {@code attractors =
 * n_diff_intervening}; the paper's "k attractors" items are those where both equal k, which is
 * {@link kd.common.data.Example#homogeneous()}. {@code distance} must equal {@code verb_index −
 * subj_index}; a line where it does not is taken for a shifted column and rejected. Columns are
 * found by their header name, so their order does not matter. Blank lines are skipped.
 */
public final class LinzenTsvReader {

    private static final List<String> REQUIRED =
            List.of(
                    "sentence",
                    "pos_sentence",
                    "verb_pos",
                    "subj_index",
                    "verb_index",
                    "n_intervening",
                    "n_diff_intervening",
                    "distance");

    private LinzenTsvReader() {}

    /**
     * The items of {@code file}; malformed lines go to {@code rejections}.
     *
     * @throws PreparationException when the first line is not a header with the needed columns
     */
    public static List<AgreementItem> read(SourceFile file, Rejections rejections) {
        List<AgreementItem> items = new ArrayList<>();
        Map<String, Integer> header = new HashMap<>();
        file.forEachLine(
                (number, line) -> {
                    if (number == 1) {
                        readHeader(file.name(), line, header);
                        return;
                    }
                    if (header.isEmpty()) {
                        return; // the header line was not valid UTF-8; reported below
                    }
                    if (line.isBlank()) {
                        return;
                    }
                    try {
                        items.add(parse(file.name(), number, line.split("\t", -1), header));
                    } catch (BadLine e) {
                        rejections.reject(file.name(), number, e.getMessage());
                    }
                },
                rejections);
        if (header.isEmpty()) {
            throw new PreparationException(file.name() + " has no readable header line");
        }
        return items;
    }

    private static void readHeader(String name, String line, Map<String, Integer> header) {
        String[] names = line.split("\t", -1);
        for (int i = 0; i < names.length; i++) {
            header.put(names[i].strip(), i);
        }
        for (String column : REQUIRED) {
            if (!header.containsKey(column)) {
                throw new PreparationException(name + ": header lacks column '" + column + "'");
            }
        }
        header.put("", names.length); // the column count every line must have
    }

    private static AgreementItem parse(
            String name, int number, String[] columns, Map<String, Integer> header) {
        int expected = header.get("");
        if (columns.length != expected) {
            throw new BadLine(
                    "expected " + expected + " tab-separated columns, found " + columns.length);
        }
        String verbTag = columns[header.get("verb_pos")];
        int label = VerbTags.label(verbTag);
        if (label < 0) {
            throw new BadLine("unknown label '" + verbTag + "'");
        }
        List<String> words = Arrays.asList(columns[header.get("sentence")].strip().split(" +"));
        List<String> tags = Arrays.asList(columns[header.get("pos_sentence")].strip().split(" +"));
        if (tags.size() != words.size()) {
            throw new BadLine(
                    "pos_sentence has " + tags.size() + " tags for " + words.size() + " words");
        }
        int subject = integer(columns, header, "subj_index");
        int verb = integer(columns, header, "verb_index");
        if (verb < 2 || verb > words.size()) {
            throw new BadLine("verb_index " + verb + " out of range 2.." + words.size());
        }
        if (subject < 1 || subject >= verb) {
            throw new BadLine("subj_index " + subject + " out of range 1.." + (verb - 1));
        }
        int distance = integer(columns, header, "distance");
        if (distance != verb - subject) {
            throw new BadLine(
                    "distance "
                            + distance
                            + " is not verb_index − subj_index = "
                            + (verb - subject));
        }
        int intervening = integer(columns, header, "n_intervening");
        int attractors = integer(columns, header, "n_diff_intervening");
        if (intervening < 0 || intervening >= distance) {
            throw new BadLine(
                    "n_intervening " + intervening + " out of range 0.." + (distance - 1));
        }
        if (attractors < 0 || attractors > intervening) {
            throw new BadLine(
                    "n_diff_intervening " + attractors + " out of range 0.." + intervening);
        }
        String verbForm = words.get(verb - 1);
        return new AgreementItem(
                name + ":" + number,
                label,
                words,
                tags,
                verb - 1,
                true,
                distance,
                intervening,
                attractors,
                VerbForms.lemma(verbForm, verbTag));
    }

    private static int integer(String[] columns, Map<String, Integer> header, String column) {
        String text = columns[header.get(column)].strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadLine(column + " is not an integer: '" + text + "'");
        }
    }
}
