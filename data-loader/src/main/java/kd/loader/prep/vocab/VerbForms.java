package kd.loader.prep.vocab;

import java.util.Map;

/**
 * Guesses the lemma of an English present-tense verb form, for sources that do not give one
 * (Linzen's table). The guess only serves to pair a VBZ form with its VBP form: a pair is made only
 * when both forms were seen with the same guessed lemma, so a wrong guess loses a pair rather than
 * inventing one.
 */
public final class VerbForms {

    private static final Map<String, String> IRREGULAR =
            Map.of(
                    "is", "be", "are", "be", "am", "be", "'s", "be", "'re", "be", "'m", "be", "has",
                    "have", "does", "do", "goes", "go");

    private VerbForms() {}

    /** The lemma of {@code form} tagged {@code tag} (VBZ or VBP). */
    public static String lemma(String form, String tag) {
        String irregular = IRREGULAR.get(form);
        if (irregular != null) {
            return irregular;
        }
        if (!tag.equals("VBZ")) {
            return form;
        }
        if (form.endsWith("ies") && form.length() > 4) {
            return form.substring(0, form.length() - 3) + "y";
        }
        for (String ending : new String[] {"sses", "shes", "ches", "xes", "zes", "oes"}) {
            if (form.endsWith(ending)) {
                return form.substring(0, form.length() - 2);
            }
        }
        if (form.endsWith("s") && form.length() > 1) {
            return form.substring(0, form.length() - 1);
        }
        return form;
    }
}
