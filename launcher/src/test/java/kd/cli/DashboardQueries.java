package kd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names the Grafana dashboards query: every series name in the PromQL of every {@code
 * expr} field, so that a test can check each one against what the services expose.
 *
 * <p>Names are read from the expression text: label matchers, strings, range selectors, grouping
 * label lists and Grafana variables are dropped first, then every identifier that is not a keyword
 * and not followed by {@code (} is a metric name. A selector written as {@code {__name__="..."}}
 * names no metric this way; the dashboards do not use that form.
 */
final class DashboardQueries {

    private static final Pattern GRAFANA_VARIABLE =
            Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[[^]]*]]");
    private static final Pattern STRING =
            Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKEN =
            Pattern.compile("[0-9][0-9a-zA-Z_.]*|([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS =
            Set.of(
                    "and",
                    "or",
                    "unless",
                    "bool",
                    "offset",
                    "by",
                    "without",
                    "on",
                    "ignoring",
                    "group_left",
                    "group_right",
                    "inf",
                    "nan",
                    "atan2");

    private DashboardQueries() {}

    /** Every metric name referenced by the dashboards ({@code *.json}) in a folder. */
    static Set<String> metricNames(Path dashboardsDir) {
        Set<String> names = new TreeSet<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(dashboardsDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (String expr : exprs(mapper.readTree(file.toFile()))) {
                    names.addAll(metricNames(expr));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboards in " + dashboardsDir, e);
        }
        return names;
    }

    /** The metric names in one PromQL expression. */
    static Set<String> metricNames(String expr) {
        String text = GRAFANA_VARIABLE.matcher(expr).replaceAll(" ");
        text = STRING.matcher(text).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGE.matcher(text).replaceAll(" ");
        text = LABEL_LIST.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String identifier = m.group(1);
            boolean call = m.group(2) != null;
            if (identifier != null && !call && !KEYWORDS.contains(identifier)) {
                names.add(identifier);
            }
        }
        return names;
    }

    /** The text of every {@code expr} field, at any depth (panels, rows, targets). */
    static Set<String> exprs(JsonNode node) {
        Set<String> found = new TreeSet<>();
        collect(node, found);
        return found;
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            e -> {
                                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                                    found.add(e.getValue().asText());
                                } else {
                                    collect(e.getValue(), found);
                                }
                            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, found));
        }
    }
}
