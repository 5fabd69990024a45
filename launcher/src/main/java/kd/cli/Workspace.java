package kd.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the launcher finds the built services and keeps its state: the repository root (the folder
 * of the {@code kd} script) and its {@code .kd/} folder for logs, data and the stack file.
 */
record Workspace(Path root) {

    static Workspace detect() {
        String home = System.getProperty("kd.home");
        Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        return new Workspace(root.toAbsolutePath().normalize());
    }

    Path state() {
        return root.resolve(".kd");
    }

    Path logs() {
        return state().resolve("logs");
    }

    Path serviceJar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The folder where the PyTorch engine unpacks its native libraries, shared by services. */
    Path engineCache() {
        String env = System.getenv("ENGINE_CACHE_DIR");
        return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".djl.ai");
    }

    void requireBuilt(Iterable<String> services) {
        for (String service : services) {
            if (!Files.isRegularFile(serviceJar(service))) {
                throw new CliException(
                        service
                                + " is not built ("
                                + serviceJar(service)
                                + " is missing): run 'mvn -B -DskipTests package' first");
            }
        }
    }
}
