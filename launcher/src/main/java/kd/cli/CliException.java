package kd.cli;

/** A problem the user can fix; printed as one line, with a non-zero exit. */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }
}
