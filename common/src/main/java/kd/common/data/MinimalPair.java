package kd.common.data;

import java.util.Arrays;

/**
 * A grammatical sentence and its ungrammatical twin, token ids with begin and end tokens.
 *
 * @param id stable id, from the file and line
 */
public record MinimalPair(String id, int[] good, int[] bad) {

    /** Compares the token arrays by content, unlike the default record equality. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MinimalPair p
                && id.equals(p.id)
                && Arrays.equals(good, p.good)
                && Arrays.equals(bad, p.bad);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 961 + Arrays.hashCode(good) * 31 + Arrays.hashCode(bad);
    }

    @Override
    public String toString() {
        return "MinimalPair[id=%s, good=%s, bad=%s]"
                .formatted(id, Arrays.toString(good), Arrays.toString(bad));
    }
}
