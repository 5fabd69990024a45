package kd.loader.prep.source;

import kd.common.data.Example;

/** Penn tags of present-tense verbs: VBZ is third person singular, VBP the other persons. */
final class VerbTags {

    private VerbTags() {}

    /** The label of a verb tag, or -1 when the tag is neither VBZ nor VBP. */
    static int label(String tag) {
        return switch (tag) {
            case "VBZ" -> Example.SINGULAR;
            case "VBP" -> Example.PLURAL;
            default -> -1;
        };
    }
}
