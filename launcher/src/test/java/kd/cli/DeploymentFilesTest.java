package kd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the compose files, the Prometheus configuration and the Grafana files against each other.
 */
class DeploymentFilesTest {

    private static final Path REPO = DeploymentFiles.repo();
    private static final Path COMPOSE = REPO.resolve("docker-compose.yml");
    private static final Path COMPOSE_GPU = REPO.resolve("docker-compose.gpu.yml");
    private static final Path ENV_EXAMPLE = REPO.resolve(".env.example");

    /** Environment keys that hold a user name, password or key of some server. */
    private static final Pattern CREDENTIAL =
            Pattern.compile("(?i).*(PASSWORD|SECRET|ACCESS_KEY|_USER|TOKEN|CREDENTIAL).*");

    /** {@code ${NAME}} or {@code ${NAME:?message}}: a variable with no literal fallback. */
    private static final Pattern REQUIRED_VARIABLE =
            Pattern.compile("\\$\\{(\\w+)(?::?\\?[^}]*)?}");

    @Test
    void composeAcceptsTheFilesWithTheExampleEnvironment() throws Exception {
        Assumptions.assumeTrue(installed("docker-compose"), "docker-compose is not installed");
        assertComposeConfigValid(List.of(COMPOSE));
        assertComposeConfigValid(List.of(COMPOSE, COMPOSE_GPU));
    }

    @Test
    void everyBuiltServiceHasItsDockerfile() {
        Map<String, Path> dockerfiles = new LinkedHashMap<>();
        DeploymentFiles.services(COMPOSE)
                .forEach(
                        (name, body) -> {
                            Object build = body.get("build");
                            if (build instanceof String context) {
                                dockerfiles.put(name, REPO.resolve(context).resolve("Dockerfile"));
                            } else if (build != null) {
                                Map<String, Object> b = DeploymentFiles.map(build, name + ".build");
                                Object file = b.getOrDefault("dockerfile", "Dockerfile");
                                dockerfiles.put(
                                        name,
                                        REPO.resolve(String.valueOf(b.get("context")))
                                                .resolve(String.valueOf(file)));
                            }
                        });
        assertEquals(Set.copyOf(ServiceProcesses.SERVICES), dockerfiles.keySet());
        dockerfiles.forEach(
                (name, file) ->
                        assertTrue(Files.isRegularFile(file), name + " has no Dockerfile " + file));
    }

    @Test
    void prometheusScrapesTheFourServicesOnTheirContainerPort() {
        // Each service listens on its container port, the right side of "host:container".
        Set<String> expected = new TreeSet<>();
        Map<String, Map<String, Object>> services = DeploymentFiles.services(COMPOSE);
        for (String name : ServiceProcesses.SERVICES) {
            Map<String, Object> body = services.get(name);
            List<?> ports = (List<?>) body.get("ports");
            assertEquals(1, ports.size(), name + " publishes one port");
            String mapping = String.valueOf(ports.get(0));
            String containerPort = mapping.substring(mapping.lastIndexOf(':') + 1);
            assertEquals(
                    containerPort,
                    DeploymentFiles.environment(body.get("environment")).get("QUARKUS_HTTP_PORT"),
                    name + " listens where its port is published");
            expected.add(name + ":" + containerPort);
        }
        assertEquals(
                Set.of(
                        "data-loader:8080",
                        "teacher-service:8080",
                        "student-service:8080",
                        "evaluator-service:8080"),
                expected);

        List<String> targets = new ArrayList<>();
        Map<String, Object> prometheus =
                DeploymentFiles.yaml(REPO.resolve("deploy/prometheus/prometheus.yml"));
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            Map<String, Object> j = DeploymentFiles.map(job, "scrape config");
            assertEquals("/q/metrics", j.get("metrics_path"), "Quarkus serves metrics there");
            for (Object sc : (List<?>) j.get("static_configs")) {
                for (Object t : (List<?>) DeploymentFiles.map(sc, "static config").get("targets")) {
                    targets.add(String.valueOf(t));
                }
            }
        }
        assertEquals(expected.size(), targets.size(), "each target once: " + targets);
        assertEquals(expected, new TreeSet<>(targets));
    }

    @Test
    void everyCredentialComesFromAVariableTheExampleDefines() throws IOException {
        Map<String, String> example = envFile(ENV_EXAMPLE);
        Set<String> credentialKeys = new TreeSet<>();
        for (Path compose : List.of(COMPOSE, COMPOSE_GPU)) {
            for (Map<String, String> env : environments(DeploymentFiles.yaml(compose))) {
                env.forEach(
                        (key, value) -> {
                            if (!CREDENTIAL.matcher(key).matches()) {
                                return;
                            }
                            credentialKeys.add(key);
                            Matcher m = REQUIRED_VARIABLE.matcher(value == null ? "" : value);
                            assertTrue(
                                    m.matches(),
                                    compose.getFileName()
                                            + ": "
                                            + key
                                            + " must be ${VARIABLE} with no default, not "
                                            + value);
                            String variable = m.group(1);
                            assertTrue(
                                    example.containsKey(variable)
                                            && !example.get(variable).isBlank(),
                                    variable + " (for " + key + ") is not defined in .env.example");
                        });
            }
        }
        // What the compose file holds today: the store's keys for the services, MinIO's root
        // account and Grafana's admin account. A new credential is checked as well.
        assertTrue(
                credentialKeys.containsAll(
                        Set.of(
                                "KD_STORE_ACCESS_KEY",
                                "KD_STORE_SECRET_KEY",
                                "MINIO_ROOT_USER",
                                "MINIO_ROOT_PASSWORD",
                                "GF_SECURITY_ADMIN_USER",
                                "GF_SECURITY_ADMIN_PASSWORD")),
                "credentials found: " + credentialKeys);
    }

    @Test
    void dashboardsUseTheProvisionedDatasourceAndFolder() throws IOException {
        Map<String, Object> datasources =
                DeploymentFiles.yaml(
                        REPO.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
        Object uid =
                DeploymentFiles.map(((List<?>) datasources.get("datasources")).get(0), "datasource")
                        .get("uid");
        assertEquals("kd-prometheus", uid);

        Path dashboards = REPO.resolve("deploy/grafana/dashboards");
        JsonNode dashboard =
                new ObjectMapper().readTree(dashboards.resolve("kd-pipeline.json").toFile());
        Set<String> uids = new TreeSet<>();
        for (JsonNode ds : dashboard.findValues("datasource")) {
            if (ds.path("type").asText().equals("prometheus")) {
                uids.add(ds.path("uid").asText());
            }
        }
        assertEquals(Set.of("kd-prometheus"), uids);
        Set<String> variables = new HashSet<>();
        dashboard
                .path("templating")
                .path("list")
                .forEach(v -> variables.add(v.path("name").asText()));
        assertEquals(Set.of("run", "model"), variables);

        // Grafana loads dashboards from the folder the provider names; compose mounts ours there.
        Map<String, Object> provider =
                DeploymentFiles.map(
                        ((List<?>)
                                        DeploymentFiles.yaml(
                                                        REPO.resolve(
                                                                "deploy/grafana/provisioning/dashboards/kd.yml"))
                                                .get("providers"))
                                .get(0),
                        "provider");
        String path =
                String.valueOf(DeploymentFiles.map(provider.get("options"), "options").get("path"));
        List<?> volumes = (List<?>) DeploymentFiles.services(COMPOSE).get("grafana").get("volumes");
        assertTrue(
                volumes.contains("./deploy/grafana/dashboards:" + path + ":ro"),
                "grafana mounts the dashboards at " + path + ": " + volumes);
    }

    private static void assertComposeConfigValid(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose"));
        for (Path f : files) {
            command.add("-f");
            command.add(f.toString());
        }
        command.addAll(List.of("--env-file", ENV_EXAMPLE.toString(), "config", "-q"));
        Process p =
                new ProcessBuilder(command)
                        .directory(REPO.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " said:\n" + output);
    }

    private static boolean installed(String program) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(program, "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code KEY=value} lines; comments and blank lines skipped. */
    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int eq = s.indexOf('=');
            assertFalse(eq <= 0, file.getFileName() + " has a line that is no assignment: " + line);
            env.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
        }
        return env;
    }

    /** Every {@code environment} block anywhere in a compose tree (services and extensions). */
    private static List<Map<String, String>> environments(Object node) {
        List<Map<String, String>> found = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach(
                    (k, v) -> {
                        if ("environment".equals(k)) {
                            found.add(DeploymentFiles.environment(v));
                        } else {
                            found.addAll(environments(v));
                        }
                    });
        } else if (node instanceof List<?> l) {
            l.forEach(child -> found.addAll(environments(child)));
        }
        return found;
    }
}
