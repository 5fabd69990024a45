package kd.common.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ids of a prepared dataset, built from its training split only.
 *
 * <p>The first five ids are the special tokens {@link #SPECIAL}. {@code verbPairs} maps a singular
 * verb form to its plural form as seen in the training data; the LM setup's agreement test compares
 * the two.
 */
public final class Vocabulary {

    public static final int PAD = 0;
    public static final int UNKNOWN = 1;
    public static final int BEGIN = 2;
    public static final int END = 3;
    public static final int CLS = 4;

    public static final List<String> SPECIAL = List.of("<pad>", "<unk>", "<s>", "</s>", "<cls>");

    private final List<String> tokens;
    private final Map<String, String> verbPairs;
    private final Map<String, Integer> index;

    @JsonCreator
    public Vocabulary(
            @JsonProperty("tokens") List<String> tokens,
            @JsonProperty("verbPairs") Map<String, String> verbPairs) {
        this.tokens = List.copyOf(tokens);
        this.verbPairs = verbPairs == null ? Map.of() : Map.copyOf(verbPairs);
        if (tokens.size() < SPECIAL.size() || !tokens.subList(0, SPECIAL.size()).equals(SPECIAL)) {
            throw new IllegalArgumentException("a vocabulary starts with " + SPECIAL);
        }
        this.index = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (index.putIfAbsent(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("token twice in vocabulary: " + tokens.get(i));
            }
        }
    }

    @JsonProperty
    public List<String> tokens() {
        return tokens;
    }

    @JsonProperty
    public Map<String, String> verbPairs() {
        return verbPairs;
    }

    /**
     * Each verb id to the id of the same verb in the other number, both ways, for the pairs whose
     * two forms are in the vocabulary.
     */
    public Map<Integer, Integer> otherNumberIds() {
        Map<Integer, Integer> others = new HashMap<>();
        verbPairs.forEach(
                (singular, plural) -> {
                    int s = id(singular);
                    int p = id(plural);
                    if (s >= 0 && p >= 0) {
                        others.put(s, p);
                        others.put(p, s);
                    }
                });
        return others;
    }

    public int size() {
        return tokens.size();
    }

    public String token(int id) {
        return tokens.get(id);
    }

    /** Id of a token, or -1 when it is not in the vocabulary. */
    public int id(String token) {
        Integer id = index.get(token);
        return id == null ? -1 : id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v
                && tokens.equals(v.tokens)
                && verbPairs.equals(v.verbPairs);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode() * 31 + verbPairs.hashCode();
    }
}
