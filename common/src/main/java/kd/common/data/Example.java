package kd.common.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One agreement item, ready for a model.
 *
 * <p>Unknown quantities are -1: a numpred prefix has no known distance, a generated sentence always
 * has one.
 *
 * @param id stable across preparations of the same sources
 * @param label 0 singular (VBZ), 1 plural (VBP)
 * @param input classification input: the tokens before the verb, then {@link Vocabulary#END} in the
 *     verb's slot
 * @param sentence LM input: {@link Vocabulary#BEGIN}, the whole sentence, {@link Vocabulary#END};
 *     empty when only a prefix is known
 * @param verbPosition index of the verb in {@code sentence}, or -1
 * @param distance words from subject to verb (verb index − subject index), or -1
 * @param intervening nouns between subject and verb, or -1
 * @param attractors intervening nouns whose number differs from the subject's, or -1
 */
public record Example(
        String id,
        int label,
        int[] input,
        int[] sentence,
        int verbPosition,
        int distance,
        int intervening,
        int attractors) {

    public static final int SINGULAR = 0;
    public static final int PLURAL = 1;

    /** True when every intervening noun is an attractor, as the A-accuracy requires. */
    public boolean homogeneous() {
        return intervening >= 0 && intervening == attractors;
    }

    /** Compares the token arrays by content, unlike the default record equality. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Example e
                && id.equals(e.id)
                && label == e.label
                && Arrays.equals(input, e.input)
                && Arrays.equals(sentence, e.sentence)
                && verbPosition == e.verbPosition
                && distance == e.distance
                && intervening == e.intervening
                && attractors == e.attractors;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, label, Arrays.hashCode(input), Arrays.hashCode(sentence))
                + 31 * Objects.hash(verbPosition, distance, intervening, attractors);
    }

    @Override
    public String toString() {
        return "Example[id=%s, label=%d, input=%s, sentence=%s, verbPosition=%d, distance=%d,"
                        .formatted(
                                id,
                                label,
                                Arrays.toString(input),
                                Arrays.toString(sentence),
                                verbPosition,
                                distance)
                + " intervening=%d, attractors=%d]".formatted(intervening, attractors);
    }
}
