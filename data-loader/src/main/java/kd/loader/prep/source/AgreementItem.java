package kd.loader.prep.source;

import java.util.List;

/**
 * One agreement instance as read from a source, still in words.
 *
 * <p>Quantities follow {@link kd.common.data.Example}: -1 where unknown. {@code intervening} counts
 * every noun strictly between subject and verb, {@code attractors} those of them whose number
 * differs from the subject's; an item is homogeneous (counted by the A-accuracy) when the two are
 * equal.
 *
 * @param id stable id: {@code <file name>:<line>} or {@code gen:<seed>:<index>}
 * @param label {@link kd.common.data.Example#SINGULAR} or {@link kd.common.data.Example#PLURAL}
 * @param words the whole sentence, or only the prefix before the verb
 * @param tags a part-of-speech tag per word (Penn tags), or null when the source has none
 * @param verbIndex 0-based index of the verb in {@code words}; equal to {@code words.size()} when
 *     only the prefix is known
 * @param wholeSentence whether {@code words} holds the whole sentence, verb included
 * @param verbLemma the verb's lemma, used to pair singular and plural forms; null when unknown
 */
public record AgreementItem(
        String id,
        int label,
        List<String> words,
        List<String> tags,
        int verbIndex,
        boolean wholeSentence,
        int distance,
        int intervening,
        int attractors,
        String verbLemma) {

    public AgreementItem {
        words = List.copyOf(words);
        tags = tags == null ? null : List.copyOf(tags);
        if (tags != null && tags.size() != words.size()) {
            throw new IllegalArgumentException("one tag per word");
        }
        if (verbIndex < 0 || verbIndex > words.size()) {
            throw new IllegalArgumentException("verb index out of range");
        }
    }

    /** The words before the verb. */
    public List<String> prefix() {
        return words.subList(0, verbIndex);
    }

    /** The verb as written, or null when only the prefix is known. */
    public String verb() {
        return wholeSentence ? words.get(verbIndex) : null;
    }

    /** The tag of word {@code i}, or null when unknown. */
    public String tag(int i) {
        return tags == null ? null : tags.get(i);
    }
}
