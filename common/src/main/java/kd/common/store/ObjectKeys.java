package kd.common.store;

import java.util.regex.Pattern;

/** The layout of the bucket, and the check that keeps a key inside it. */
public final class ObjectKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=+-]*");

    private ObjectKeys() {}

    /** Rejects keys with empty, relative or odd segments, so no input can address outside. */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("empty object key");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                throw new IllegalArgumentException("invalid object key: " + key);
            }
        }
        return key;
    }

    public static String dataset(String datasetId, String name) {
        return check("datasets/" + datasetId + "/" + name);
    }

    public static String run(String runId, String name) {
        return check("runs/" + runId + "/" + name);
    }

    public static String rejected(String stage, String eventId) {
        return check("rejected/" + stage + "/" + eventId + ".txt");
    }

    public static String processed(String consumer, String eventId) {
        return check("processed/" + consumer + "/" + eventId);
    }
}
