package kd.loader.prep.generate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The words of the grammar, each with its number or tag.
 *
 * @param nouns singular and plural forms; animate nouns can be subjects of verbs
 * @param intransitive verbs that take no object
 * @param transitive verbs that take a noun phrase object
 * @param copula the verb that takes an adjective
 */
public record Lexicon(
        List<Noun> nouns,
        List<Verb> intransitive,
        List<Verb> transitive,
        Verb copula,
        List<String> adjectives,
        List<String> prepositions,
        List<String> adverbs) {

    /** A noun: {@code singular} is tagged NN, {@code plural} NNS. */
    public record Noun(String singular, String plural, boolean animate) {
        public String form(boolean isPlural) {
            return isPlural ? plural : singular;
        }
    }

    /** A present-tense verb: {@code singular} is tagged VBZ, {@code plural} VBP. */
    public record Verb(String singular, String plural, String lemma) {
        public String form(boolean isPlural) {
            return isPlural ? plural : singular;
        }
    }

    /** A small English lexicon: 34 nouns (some irregular), 20 verbs, 14 adjectives. */
    public static Lexicon english() {
        return new Lexicon(
                List.of(
                        animate("author", "authors"),
                        animate("teacher", "teachers"),
                        animate("child", "children"),
                        animate("man", "men"),
                        animate("woman", "women"),
                        animate("farmer", "farmers"),
                        animate("doctor", "doctors"),
                        animate("pilot", "pilots"),
                        animate("senator", "senators"),
                        animate("student", "students"),
                        animate("manager", "managers"),
                        animate("painter", "painters"),
                        animate("dog", "dogs"),
                        animate("cat", "cats"),
                        animate("mouse", "mice"),
                        animate("wolf", "wolves"),
                        animate("neighbour", "neighbours"),
                        animate("nurse", "nurses"),
                        thing("key", "keys"),
                        thing("cabinet", "cabinets"),
                        thing("table", "tables"),
                        thing("book", "books"),
                        thing("house", "houses"),
                        thing("garden", "gardens"),
                        thing("city", "cities"),
                        thing("village", "villages"),
                        thing("company", "companies"),
                        thing("report", "reports"),
                        thing("window", "windows"),
                        thing("bridge", "bridges"),
                        thing("box", "boxes"),
                        thing("church", "churches"),
                        thing("knife", "knives"),
                        thing("shelf", "shelves")),
                List.of(
                        verb("sleeps", "sleep"),
                        verb("smiles", "smile"),
                        verb("waits", "wait"),
                        verb("laughs", "laugh"),
                        verb("arrives", "arrive"),
                        verb("swims", "swim"),
                        verb("works", "work"),
                        verb("runs", "run")),
                List.of(
                        verb("likes", "like"),
                        verb("sees", "see"),
                        verb("knows", "know"),
                        verb("helps", "help"),
                        verb("follows", "follow"),
                        verb("visits", "visit"),
                        verb("admires", "admire"),
                        verb("chases", "chase"),
                        verb("watches", "watch"),
                        verb("praises", "praise"),
                        new Verb("has", "have", "have")),
                new Verb("is", "are", "be"),
                List.of(
                        "old",
                        "young",
                        "tall",
                        "small",
                        "big",
                        "quiet",
                        "famous",
                        "busy",
                        "clever",
                        "happy",
                        "red",
                        "new",
                        "strange",
                        "friendly"),
                List.of("near", "behind", "beside", "with", "of", "from", "above", "under"),
                List.of("often", "rarely", "always", "never", "usually", "certainly"));
    }

    /** Every verb's singular form mapped to its plural form. */
    public Map<String, String> verbPairs() {
        Map<String, String> pairs = new TreeMap<>();
        for (List<Verb> verbs : List.of(intransitive, transitive, List.of(copula))) {
            verbs.forEach(v -> pairs.put(v.singular(), v.plural()));
        }
        return pairs;
    }

    private static Noun animate(String singular, String plural) {
        return new Noun(singular, plural, true);
    }

    private static Noun thing(String singular, String plural) {
        return new Noun(singular, plural, false);
    }

    private static Verb verb(String singular, String plural) {
        return new Verb(singular, plural, plural);
    }
}
