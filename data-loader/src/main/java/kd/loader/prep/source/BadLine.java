package kd.loader.prep.source;

/** A line that cannot be used; the message is the one-line reason recorded for it. */
final class BadLine extends RuntimeException {

    BadLine(String reason) {
        super(reason, null, false, false);
    }
}
