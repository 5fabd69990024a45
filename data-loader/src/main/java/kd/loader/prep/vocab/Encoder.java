package kd.loader.prep.vocab;

import java.util.List;
import kd.common.data.Example;
import kd.common.data.MinimalPair;
import kd.common.data.Vocabulary;
import kd.loader.prep.source.AgreementItem;
import kd.loader.prep.source.TextPair;

/**
 * Turns words into token ids with one vocabulary: a word outside it becomes its tag token where the
 * tag is known and in the vocabulary, else {@code <unk>}.
 */
public final class Encoder {

    private final Vocabulary vocabulary;

    public Encoder(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The id of {@code word}, falling back to {@code tag} (may be null), then to unknown. */
    public int id(String word, String tag) {
        int id = vocabulary.id(word);
        if (id < 0 && tag != null) {
            id = vocabulary.id(tag);
        }
        return id < 0 ? Vocabulary.UNKNOWN : id;
    }

    /**
     * The example of {@code item}: input = prefix ids then END; sentence = BEGIN, all ids, END when
     * the whole sentence is known, else empty, and then the verb sits at {@code verbIndex + 1}.
     */
    public Example example(AgreementItem item) {
        int[] input = new int[item.verbIndex() + 1];
        for (int i = 0; i < item.verbIndex(); i++) {
            input[i] = id(item.words().get(i), item.tag(i));
        }
        input[item.verbIndex()] = Vocabulary.END;

        int[] sentence = new int[0];
        int verbPosition = -1;
        if (item.wholeSentence()) {
            sentence = bracketed(item.words(), item);
            verbPosition = item.verbIndex() + 1;
        }
        return new Example(
                item.id(),
                item.label(),
                input,
                sentence,
                verbPosition,
                item.distance(),
                item.intervening(),
                item.attractors());
    }

    /** The pair with BEGIN and END around each sentence; the words have no tags. */
    public MinimalPair pair(TextPair pair) {
        return new MinimalPair(
                pair.id(), bracketed(pair.good(), null), bracketed(pair.bad(), null));
    }

    private int[] bracketed(List<String> words, AgreementItem tagged) {
        int[] ids = new int[words.size() + 2];
        ids[0] = Vocabulary.BEGIN;
        for (int i = 0; i < words.size(); i++) {
            ids[i + 1] = id(words.get(i), tagged == null ? null : tagged.tag(i));
        }
        ids[ids.length - 1] = Vocabulary.END;
        return ids;
    }
}
