package kd.loader.prep.vocab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kd.common.data.Vocabulary;
import kd.loader.prep.PreparationException;
import kd.loader.prep.source.AgreementItem;

/**
 * Builds the vocabulary from the train split.
 *
 * <p>Token order: the five special tokens, then the kept words by falling frequency (ties in
 * alphabetical order), then every part-of-speech tag seen in the counted train words that is not
 * already a word. A word outside the vocabulary is later written as its tag, or {@code <unk>} where
 * the source gives no tag. {@code size} caps the whole vocabulary, special and tag tokens included;
 * null keeps every word. The counted words are the prefixes for the classification setup, and the
 * whole sentences (where known) for the LM setup.
 */
public final class VocabularyBuilder {

    private VocabularyBuilder() {}

    /**
     * The vocabulary of {@code train}, with those {@code candidatePairs} whose two forms are both
     * in it.
     *
     * @throws PreparationException when {@code size} cannot hold the special and tag tokens
     */
    public static Vocabulary build(
            List<AgreementItem> train,
            boolean wholeSentences,
            Integer size,
            Map<String, String> candidatePairs) {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> tags = new TreeSet<>();
        for (AgreementItem item : train) {
            int end =
                    wholeSentences && item.wholeSentence() ? item.words().size() : item.verbIndex();
            for (int i = 0; i < end; i++) {
                counts.merge(item.words().get(i), 1, Integer::sum);
                String tag = item.tag(i);
                if (tag != null) {
                    tags.add(tag);
                }
            }
        }
        Vocabulary.SPECIAL.forEach(tags::remove);
        int limit = size == null ? Integer.MAX_VALUE : size;
        int reserved = Vocabulary.SPECIAL.size() + tags.size();
        if (limit < reserved) {
            throw new PreparationException(
                    "vocabulary size "
                            + limit
                            + " cannot hold the "
                            + Vocabulary.SPECIAL.size()
                            + " special and "
                            + tags.size()
                            + " tag tokens");
        }

        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(
                Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(Vocabulary.SPECIAL);
        Set<String> placedTags = new TreeSet<>();
        int words = 0;
        for (Map.Entry<String, Integer> entry : ranked) {
            String word = entry.getKey();
            if (Vocabulary.SPECIAL.contains(word)) {
                continue;
            }
            if (tags.contains(word)) {
                tokens.add(word); // its slot was reserved as a tag already
                placedTags.add(word);
            } else if (reserved + words < limit) {
                tokens.add(word);
                words++;
            }
        }
        for (String tag : tags) {
            if (!placedTags.contains(tag)) {
                tokens.add(tag);
            }
        }

        Set<String> known = Set.copyOf(tokens);
        Map<String, String> pairs = new LinkedHashMap<>();
        candidatePairs.forEach(
                (singular, plural) -> {
                    if (known.contains(singular) && known.contains(plural)) {
                        pairs.put(singular, plural);
                    }
                });
        return new Vocabulary(tokens, pairs);
    }
}
