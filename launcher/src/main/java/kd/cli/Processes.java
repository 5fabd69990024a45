package kd.cli;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Small helpers for child processes. */
final class Processes {

    private Processes() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** Asks a process to stop (SIGTERM), and kills it when it has not stopped in time. */
    static void stop(ProcessHandle process, long graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(graceSeconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
