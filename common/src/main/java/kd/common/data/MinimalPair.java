package kd.common.data;

/**
 * A grammatical sentence and its ungrammatical twin, token ids with begin and end tokens.
 *
 * @param id stable id, from the file and line
 */
public record MinimalPair(String id, int[] good, int[] bad) {}
