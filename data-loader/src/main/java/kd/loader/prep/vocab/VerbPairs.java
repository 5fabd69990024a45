package kd.loader.prep.vocab;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kd.common.data.Example;
import kd.loader.prep.source.AgreementItem;

/**
 * Pairs each singular verb form with a plural form of the same lemma, from the verbs of agreement
 * items. When a lemma has several plural forms ("are", "am"), the most frequent one is taken, ties
 * in alphabetical order.
 */
public final class VerbPairs {

    private VerbPairs() {}

    /** Singular form to plural form, over the items whose verb and lemma are known. */
    public static Map<String, String> fromItems(List<AgreementItem> items) {
        Map<String, Map<String, Integer>> singular = new HashMap<>();
        Map<String, Map<String, Integer>> plural = new HashMap<>();
        for (AgreementItem item : items) {
            if (item.verb() == null || item.verbLemma() == null) {
                continue;
            }
            Map<String, Map<String, Integer>> side =
                    item.label() == Example.SINGULAR ? singular : plural;
            side.computeIfAbsent(item.verbLemma(), k -> new TreeMap<>())
                    .merge(item.verb(), 1, Integer::sum);
        }
        Map<String, String> pairs = new TreeMap<>();
        singular.forEach(
                (lemma, forms) -> {
                    Map<String, Integer> plurals = plural.get(lemma);
                    if (plurals == null) {
                        return;
                    }
                    String best = null;
                    for (Map.Entry<String, Integer> e : plurals.entrySet()) {
                        if (best == null || e.getValue() > plurals.get(best)) {
                            best = e.getKey();
                        }
                    }
                    for (String form : forms.keySet()) {
                        if (!form.equals(best)) {
                            pairs.put(form, best);
                        }
                    }
                });
        return pairs;
    }
}
