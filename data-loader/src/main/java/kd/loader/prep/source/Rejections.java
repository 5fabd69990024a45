package kd.loader.prep.source;

import java.util.ArrayList;
import java.util.List;
import kd.common.data.DatasetManifest.Rejected;

/** Collects the input lines that were left out, in reading order. */
public final class Rejections {

    private final List<Rejected> lines = new ArrayList<>();

    /** Records that line {@code line} (1-based) of {@code file} was left out, and why. */
    public void reject(String file, int line, String reason) {
        lines.add(new Rejected(file, line, reason));
    }

    public List<Rejected> lines() {
        return List.copyOf(lines);
    }

    public int count() {
        return lines.size();
    }
}
