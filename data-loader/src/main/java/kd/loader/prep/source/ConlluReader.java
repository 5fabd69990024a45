package kd.loader.prep.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds subject–verb agreement instances in a Universal Dependencies CoNLL-U file.
 *
 * <p>An instance is a NOUN or PROPN with relation {@code nsubj} or {@code nsubj:pass} and a {@code
 * Number} feature, whose head is tagged VBZ or VBP (XPOS), or else whose head has an {@code aux} or
 * {@code cop} dependent (subtypes such as {@code aux:pass} included) tagged VBZ or VBP, the
 * leftmost one if several. That VBZ/VBP word is the verb: VBZ singular, VBP plural. Only subjects
 * before their verb are kept (questions and inversions are left out), because the classification
 * input is the prefix up to the verb and must contain the subject.
 *
 * <p>distance = verb ID − subject ID. Intervening nouns are the NOUN and PROPN words strictly
 * between the two; attractors are those of them whose {@code Number} differs from the subject's. A
 * noun without a {@code Number} feature counts as intervening but never as an attractor (its number
 * is unknown), so its item is not homogeneous.
 *
 * <p>Words are lower-cased; the tags are the XPOS column. Multiword-token lines ({@code 1-2}),
 * empty nodes ({@code 1.1}) and comments are skipped. A malformed token line (wrong column count,
 * an ID out of sequence, a HEAD that is not a word of the sentence, invalid UTF-8) is rejected and
 * its whole sentence is left out, since its indices can no longer be trusted.
 *
 * <p>A sentence with several instances yields one item per instance, each carrying the whole
 * sentence: the LM setup then sees such a sentence several times, and the vocabulary counts its
 * words as often.
 */
public final class ConlluReader {

    private ConlluReader() {}

    private record Token(
            int line,
            String form,
            String lemma,
            String upos,
            String xpos,
            String number,
            int head,
            String deprel) {}

    /** The instances of {@code file}, in file order; malformed lines go to {@code rejections}. */
    public static List<AgreementItem> read(SourceFile file, Rejections rejections) {
        List<AgreementItem> items = new ArrayList<>();
        List<Token> sentence = new ArrayList<>();
        boolean[] broken = {false};
        file.forEachLine(
                (number, line) -> {
                    if (line.isBlank()) {
                        finish(file.name(), sentence, broken[0], items, rejections);
                        sentence.clear();
                        broken[0] = false;
                        return;
                    }
                    if (line.startsWith("#") || broken[0]) {
                        return;
                    }
                    try {
                        Token token = parse(number, line, sentence.size() + 1);
                        if (token != null) {
                            sentence.add(token);
                        }
                    } catch (BadLine e) {
                        rejections.reject(file.name(), number, e.getMessage());
                        broken[0] = true;
                    }
                },
                rejections);
        finish(file.name(), sentence, broken[0], items, rejections);
        return items;
    }

    private static Token parse(int number, String line, int expectedId) {
        String[] c = line.split("\t", -1);
        if (c.length != 10) {
            throw new BadLine("expected 10 tab-separated columns, found " + c.length);
        }
        if (c[0].indexOf('-') >= 0 || c[0].indexOf('.') >= 0) {
            return null; // multiword token or empty node: not a word of the basic tree
        }
        if (!c[0].equals(Integer.toString(expectedId))) {
            throw new BadLine("token ID '" + c[0] + "' where " + expectedId + " was expected");
        }
        int head;
        try {
            head = Integer.parseInt(c[6]);
        } catch (NumberFormatException e) {
            throw new BadLine("HEAD is not an integer: '" + c[6] + "'");
        }
        if (head < 0) {
            throw new BadLine("HEAD " + head + " out of range");
        }
        return new Token(
                number,
                c[1].toLowerCase(Locale.ROOT),
                c[2].toLowerCase(Locale.ROOT),
                c[3],
                c[4],
                feature(c[5], "Number"),
                head,
                c[7]);
    }

    private static String feature(String feats, String name) {
        if (feats.equals("_")) {
            return null;
        }
        for (String f : feats.split("\\|")) {
            int eq = f.indexOf('=');
            if (eq > 0 && f.substring(0, eq).equals(name)) {
                return f.substring(eq + 1);
            }
        }
        return null;
    }

    private static void finish(
            String name,
            List<Token> sentence,
            boolean broken,
            List<AgreementItem> items,
            Rejections rejections) {
        if (broken || sentence.isEmpty()) {
            return;
        }
        for (Token t : sentence) {
            if (t.head() > sentence.size()) {
                rejections.reject(
                        name, t.line(), "HEAD " + t.head() + " out of range 0.." + sentence.size());
                return;
            }
        }
        List<String> words = new ArrayList<>(sentence.size());
        List<String> tags = new ArrayList<>(sentence.size());
        for (Token t : sentence) {
            words.add(t.form());
            tags.add(t.xpos());
        }
        for (int s = 1; s <= sentence.size(); s++) {
            Token subject = sentence.get(s - 1);
            if (!isNoun(subject)
                    || subject.number() == null
                    || !(subject.deprel().equals("nsubj") || subject.deprel().equals("nsubj:pass"))
                    || subject.head() == 0) {
                continue;
            }
            int v = agreeingVerb(sentence, subject.head());
            if (v < 0 || v < s) {
                continue;
            }
            int intervening = 0;
            int attractors = 0;
            for (int i = s + 1; i < v; i++) {
                Token t = sentence.get(i - 1);
                if (isNoun(t)) {
                    intervening++;
                    if (t.number() != null && !t.number().equals(subject.number())) {
                        attractors++;
                    }
                }
            }
            Token verb = sentence.get(v - 1);
            items.add(
                    new AgreementItem(
                            name + ":" + subject.line(),
                            VerbTags.label(verb.xpos()),
                            words,
                            tags,
                            v - 1,
                            true,
                            v - s,
                            intervening,
                            attractors,
                            verb.lemma()));
        }
    }

    /** The 1-based ID of the VBZ/VBP word agreeing with a subject of {@code head}, or -1. */
    private static int agreeingVerb(List<Token> sentence, int head) {
        if (VerbTags.label(sentence.get(head - 1).xpos()) >= 0) {
            return head;
        }
        for (int i = 1; i <= sentence.size(); i++) {
            Token t = sentence.get(i - 1);
            String base = t.deprel().split(":", 2)[0];
            if (t.head() == head
                    && (base.equals("aux") || base.equals("cop"))
                    && VerbTags.label(t.xpos()) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNoun(Token t) {
        return t.upos().equals("NOUN") || t.upos().equals("PROPN");
    }
}
