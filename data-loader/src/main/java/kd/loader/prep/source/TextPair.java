package kd.loader.prep.source;

import java.util.List;

/**
 * A minimal pair in words, before it is mapped to token ids.
 *
 * @param id {@code <file name>:<line>}
 */
public record TextPair(String id, List<String> good, List<String> bad) {}
