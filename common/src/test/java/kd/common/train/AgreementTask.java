package kd.common.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kd.common.data.Example;
import kd.common.data.Vocabulary;

/**
 * A tiny synthetic agreement task: a subject noun, 1–6 distractor words (attractor nouns among
 * them), then the verb slot. The label is the subject's number, so only a model that carries the
 * first word to the end does well; guessing from the nearest noun is right about half the time.
 *
 * <p>Ids: 5–9 singular nouns, 10–14 plural nouns, 15–24 other words, 25 singular verb, 26 plural
 * verb; 27 in all.
 */
final class AgreementTask {

    static final int VOCABULARY = 27;
    static final int SINGULAR_VERB = 25;
    static final int PLURAL_VERB = 26;

    private AgreementTask() {}

    static List<Example> generate(int n, long seed) {
        Random rng = new Random(seed);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(2);
            int subject = (label == 0 ? 5 : 10) + rng.nextInt(5);
            int distractors = 1 + rng.nextInt(6);
            int[] input = new int[distractors + 2];
            input[0] = subject;
            for (int j = 1; j <= distractors; j++) {
                input[j] = rng.nextInt(3) == 0 ? 5 + rng.nextInt(10) : 15 + rng.nextInt(10);
            }
            input[input.length - 1] = Vocabulary.END;
            int[] sentence = new int[input.length + 2];
            sentence[0] = Vocabulary.BEGIN;
            System.arraycopy(input, 0, sentence, 1, input.length - 1);
            sentence[input.length] = label == 0 ? SINGULAR_VERB : PLURAL_VERB;
            sentence[input.length + 1] = Vocabulary.END;
            out.add(
                    new Example(
                            "s" + seed + "-" + i,
                            label,
                            input,
                            sentence,
                            input.length,
                            distractors + 1,
                            -1,
                            -1));
        }
        return out;
    }
}
