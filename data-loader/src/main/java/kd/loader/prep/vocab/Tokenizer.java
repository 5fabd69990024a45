package kd.loader.prep.vocab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a raw English sentence into lower-cased words the way the treebanks do: punctuation is a
 * word of its own, and the clitics {@code n't 's 're 've 'll 'd 'm} are split off ("doesn't" →
 * "does" "n't").
 */
public final class Tokenizer {

    private static final String PUNCTUATION = ".,;:!?\"()";
    private static final String[] CLITICS = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"};

    private Tokenizer() {}

    public static List<String> words(String sentence) {
        List<String> words = new ArrayList<>();
        for (String chunk : sentence.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            int start = 0;
            int end = chunk.length();
            while (start < end && PUNCTUATION.indexOf(chunk.charAt(start)) >= 0) {
                words.add(chunk.substring(start, start + 1));
                start++;
            }
            List<String> trailing = new ArrayList<>();
            while (end > start && PUNCTUATION.indexOf(chunk.charAt(end - 1)) >= 0) {
                trailing.add(0, chunk.substring(end - 1, end));
                end--;
            }
            String word = chunk.substring(start, end);
            for (String clitic : CLITICS) {
                if (word.length() > clitic.length() && word.endsWith(clitic)) {
                    words.add(word.substring(0, word.length() - clitic.length()));
                    word = clitic;
                    break;
                }
            }
            if (!word.isEmpty()) {
                words.add(word);
            }
            words.addAll(trailing);
        }
        return words;
    }
}
