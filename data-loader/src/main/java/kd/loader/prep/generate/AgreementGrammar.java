package kd.loader.prep.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import kd.common.data.Example;
import kd.loader.prep.PreparationException;
import kd.loader.prep.generate.Lexicon.Noun;
import kd.loader.prep.generate.Lexicon.Verb;
import kd.loader.prep.source.AgreementItem;

/**
 * A seeded probabilistic grammar of English subject–verb agreement sentences.
 *
 * <p>The attractor count and distance of each item are fixed by plan, not drawn, so the requested
 * histograms hold exactly: item i gets a = i mod (maxAttractors + 1) attractors, and, with j = i
 * div (maxAttractors + 1), distance d = m(a) + j mod (maxDistance − m(a) + 1), where m(a) = 3a + 1
 * is the shortest distance that holds a attractors ("near the cats" takes three words). So each
 * attractor count gets ⌊n / (maxAttractors + 1)⌋ or one more items, and within one attractor count
 * the distances cycle through m(a)..maxDistance.
 *
 * <p>Every intervening noun is an attractor (homogeneous intervention, as in Linzen's test sets):
 * the words between subject and verb are prepositional phrases ("near the cats", coordinated as
 * "near the cats and the dogs" when the attractors are plural, so that the coordination does not
 * itself read as plural beside singular nouns), at most one object relative clause ("that the cats
 * chase"), a subject relative clause of coordinated intransitive verbs ("that sleeps and waits"),
 * adjectives and one adverb before the verb; the random choice among them fills the planned
 * distance exactly. After the verb comes an object, an adjective or nothing, then a full stop.
 * Everything is drawn from one {@link Random} seeded once, so the same seed gives the same items.
 */
public final class AgreementGrammar {

    private final Lexicon lexicon;
    private final long seed;
    private final Random random;
    private final List<Noun> animate;

    public AgreementGrammar(Lexicon lexicon, long seed) {
        this.lexicon = lexicon;
        this.seed = seed;
        this.random = new Random(seed);
        this.animate = lexicon.nouns().stream().filter(Noun::animate).toList();
    }

    /** The shortest subject–verb distance that holds {@code attractors} attractors. */
    public static int minDistance(int attractors) {
        return 3 * attractors + 1;
    }

    /**
     * Generates {@code items} sentences, ids {@code gen:<seed>:<index>}.
     *
     * @throws PreparationException when the counts are negative or {@code maxDistance} is shorter
     *     than {@link #minDistance}{@code (maxAttractors)}
     */
    public List<AgreementItem> generate(int items, int maxAttractors, int maxDistance) {
        if (items < 1 || maxAttractors < 0) {
            throw new PreparationException(
                    "generator needs items ≥ 1 and maxAttractors ≥ 0, got "
                            + items
                            + " and "
                            + maxAttractors);
        }
        if (maxDistance < minDistance(maxAttractors)) {
            throw new PreparationException(
                    "generator maxDistance "
                            + maxDistance
                            + " cannot hold "
                            + maxAttractors
                            + " attractors: needs at least "
                            + minDistance(maxAttractors));
        }
        List<AgreementItem> result = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            int attractors = i % (maxAttractors + 1);
            int round = i / (maxAttractors + 1);
            int shortest = minDistance(attractors);
            int distance = shortest + round % (maxDistance - shortest + 1);
            result.add(sentence("gen:" + seed + ":" + i, attractors, distance));
        }
        return result;
    }

    private AgreementItem sentence(String id, int attractors, int distance) {
        boolean plural = random.nextBoolean();
        Sentence s = new Sentence();

        // The spare words beyond three per attractor: some single words (adverb, adjectives, the
        // object relative clause's extra word), the rest in pairs ("that sleeps", "and waits").
        int spare = distance - minDistance(attractors);
        List<String> singles = new ArrayList<>();
        singles.add("adverb");
        if (attractors >= 1) {
            singles.add("relative");
        }
        for (int k = 0; k < attractors; k++) {
            singles.add("adjective:" + k);
            singles.add("adjective:" + k);
        }
        List<Integer> choices = new ArrayList<>();
        for (int u = spare % 2; u <= Math.min(spare, singles.size()); u += 2) {
            choices.add(u);
        }
        int ones = choices.get(random.nextInt(choices.size()));
        int pairs = (spare - ones) / 2;
        Collections.shuffle(singles, random);
        List<String> used = singles.subList(0, ones);
        boolean adverb = used.contains("adverb");
        boolean relative = used.contains("relative");
        int[] adjectives = new int[attractors];
        for (String u : used) {
            if (u.startsWith("adjective:")) {
                adjectives[Integer.parseInt(u.substring("adjective:".length()))]++;
            }
        }

        // Subject noun phrase, then its relative clause of intransitive verbs.
        s.determiner(plural);
        if (random.nextInt(4) == 0) {
            s.add(pick(lexicon.adjectives()), "JJ");
        }
        int subject = s.noun(pick(animate), plural);
        for (int k = 0; k < pairs; k++) {
            s.add(k == 0 ? "that" : "and", k == 0 ? "WDT" : "CC");
            s.verb(pick(lexicon.intransitive()), plural);
        }

        // The attractors: prepositional phrases, the last one possibly an object relative clause.
        boolean other = !plural;
        int phrases = relative ? attractors - 1 : attractors;
        for (int k = 0; k < phrases; k++) {
            s.add(pick(lexicon.prepositions()), "IN");
            s.determiner(other);
            s.adjectives(adjectives[k]);
            s.noun(pick(lexicon.nouns()), other);
            if (other && k + 1 < phrases && random.nextInt(4) == 0) {
                k++;
                s.add("and", "CC");
                s.determiner(other);
                s.adjectives(adjectives[k]);
                s.noun(pick(lexicon.nouns()), other);
            }
        }
        if (relative) {
            s.add("that", "WDT");
            s.determiner(other);
            s.adjectives(adjectives[attractors - 1]);
            s.noun(pick(animate), other);
            s.verb(pick(lexicon.transitive()), other);
        }
        if (adverb) {
            s.add(pick(lexicon.adverbs()), "RB");
        }

        // The agreeing verb and what follows it.
        int kind = random.nextInt(3);
        Verb verb =
                kind == 0
                        ? pick(lexicon.intransitive())
                        : kind == 1 ? pick(lexicon.transitive()) : lexicon.copula();
        int verbIndex = s.verb(verb, plural);
        if (kind == 1) {
            boolean objectPlural = random.nextBoolean();
            s.determiner(objectPlural);
            s.noun(pick(lexicon.nouns()), objectPlural);
        } else if (kind == 2) {
            s.add(pick(lexicon.adjectives()), "JJ");
        }
        s.add(".", ".");

        return new AgreementItem(
                id,
                plural ? Example.PLURAL : Example.SINGULAR,
                s.words,
                s.tags,
                verbIndex,
                true,
                verbIndex - subject,
                attractors,
                attractors,
                verb.lemma());
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** Words and tags being written. */
    private final class Sentence {
        final List<String> words = new ArrayList<>();
        final List<String> tags = new ArrayList<>();

        int add(String word, String tag) {
            words.add(word);
            tags.add(tag);
            return words.size() - 1;
        }

        void determiner(boolean plural) {
            String[] options =
                    plural
                            ? new String[] {"the", "some", "these"}
                            : new String[] {"the", "this", "every"};
            add(options[random.nextInt(options.length)], "DT");
        }

        void adjectives(int count) {
            for (int i = 0; i < count; i++) {
                add(pick(lexicon.adjectives()), "JJ");
            }
        }

        int noun(Noun noun, boolean plural) {
            return add(noun.form(plural), plural ? "NNS" : "NN");
        }

        int verb(Verb verb, boolean plural) {
            return add(verb.form(plural), plural ? "VBP" : "VBZ");
        }
    }
}
