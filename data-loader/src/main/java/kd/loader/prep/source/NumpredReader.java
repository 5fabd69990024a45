package kd.loader.prep.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Linzen's numpred files: {@code VBZ} or {@code VBP}, a tab, the sentence prefix up to the
 * verb (lower-cased, rare words already replaced by their POS tag).
 *
 * <p>Only a file named {@code numpred.test.k} tells the attractor count: its items have k
 * attractors under homogeneous intervention, so for k ≥ 1 every intervening noun is an attractor
 * and intervening = k. For k = 0 the intervening nouns (all of the subject's number) are not
 * counted in the file, so intervening stays -1. Distance is never known (-1): the prefix does not
 * mark the subject. Blank lines are skipped.
 */
public final class NumpredReader {

    private static final Pattern TEST_FILE = Pattern.compile("numpred\\.test\\.(\\d+)(\\.gz)?");

    private NumpredReader() {}

    /** The items of {@code file}; malformed lines go to {@code rejections}. */
    public static List<AgreementItem> read(SourceFile file, Rejections rejections) {
        Matcher m = TEST_FILE.matcher(file.name());
        int attractors = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        int intervening = attractors >= 1 ? attractors : -1;

        List<AgreementItem> items = new ArrayList<>();
        file.forEachLine(
                (number, line) -> {
                    if (line.isBlank()) {
                        return;
                    }
                    String[] columns = line.split("\t", -1);
                    if (columns.length != 2) {
                        rejections.reject(
                                file.name(),
                                number,
                                "expected 2 tab-separated columns, found " + columns.length);
                        return;
                    }
                    int label = VerbTags.label(columns[0]);
                    if (label < 0) {
                        rejections.reject(
                                file.name(), number, "unknown label '" + columns[0] + "'");
                        return;
                    }
                    String prefix = columns[1].strip();
                    if (prefix.isEmpty()) {
                        rejections.reject(file.name(), number, "empty prefix");
                        return;
                    }
                    List<String> words = Arrays.asList(prefix.split(" +"));
                    items.add(
                            new AgreementItem(
                                    file.name() + ":" + number,
                                    label,
                                    words,
                                    null,
                                    words.size(),
                                    false,
                                    -1,
                                    intervening,
                                    attractors,
                                    null));
                },
                rejections);
        return items;
    }
}
