package kd.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The repository's deployment files, read as YAML trees (anchors and merge keys resolved). */
final class DeploymentFiles {

    private DeploymentFiles() {}

    static Path repo() {
        String dir = System.getProperty("kd.repo.dir");
        if (dir == null) {
            throw new IllegalStateException("the system property kd.repo.dir is not set");
        }
        return Path.of(dir);
    }

    static Map<String, Object> yaml(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            return map(new Yaml().load(in), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The services of a compose file, by name. */
    static Map<String, Map<String, Object>> services(Path composeFile) {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(yaml(composeFile).get("services"), "services")
                .forEach((name, body) -> services.put(name, map(body, name)));
        return services;
    }

    /** The image a service of the main compose file runs, so that tests use the same one. */
    static String image(String service) {
        Object image = services(repo().resolve("docker-compose.yml")).get(service).get("image");
        if (!(image instanceof String s)) {
            throw new IllegalStateException(service + " has no image in docker-compose.yml");
        }
        return s;
    }

    /** A compose {@code environment} block, in map or {@code KEY=value} list form. */
    static Map<String, String> environment(Object block) {
        Map<String, String> env = new LinkedHashMap<>();
        if (block instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (block instanceof List<?> l) {
            for (Object entry : l) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalStateException(what + " is not a mapping");
        }
        return (Map<String, Object>) node;
    }
}
