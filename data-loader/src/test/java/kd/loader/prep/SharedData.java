package kd.loader.prep;

import java.nio.file.Path;

/** Where the shared agreement data lies: the folder named by the system property kd.shared.dir. */
public final class SharedData {

    private SharedData() {}

    /** The folder holding linzen-numpred/, ud-english-ewt/ and blimp/. */
    public static Path agreement() {
        String shared = System.getProperty("kd.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property kd.shared.dir is not set");
        }
        return Path.of(shared, "data", "agreement").toAbsolutePath().normalize();
    }

    public static Path file(String relative) {
        return agreement().resolve(relative);
    }
}
