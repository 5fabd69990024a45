package kd.loader.prep;

/**
 * A dataset cannot be prepared: a file is missing or unreadable, lies outside the data roots, the
 * settings are impossible, or nothing usable is left. The message is one line, fit for a {@code
 * PipelineFailed} event; when it is thrown, nothing has been written.
 */
public class PreparationException extends RuntimeException {

    public PreparationException(String message) {
        super(message);
    }

    public PreparationException(String message, Throwable cause) {
        super(message, cause);
    }
}
