package kd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardQueriesTest {

    @Test
    void findsEveryMetricTheDashboardQueries() {
        // The names written into deploy/grafana/dashboards/kd-pipeline.json: the pipeline's own
        // metrics (gauges as named, counters with _total) and the JVM heap of each service.
        assertEquals(
                Set.of(
                        "kd_training_loss",
                        "kd_training_examples_per_second",
                        "kd_training_epoch",
                        "kd_training_validation_accuracy",
                        "kd_evaluation_accuracy",
                        "kd_evaluation_ece",
                        "kd_evaluation_perplexity",
                        "kd_shard_bytes_written_total",
                        "kd_shard_bytes_read_total",
                        "kd_shards_rejected_total",
                        "kd_errors_total",
                        "jvm_memory_used_bytes"),
                DashboardQueries.metricNames(
                        DeploymentFiles.repo().resolve("deploy/grafana/dashboards")));
    }

    @Test
    void skipsFunctionsLabelsStringsRangesAndVariables() {
        assertEquals(
                Set.of("kd_errors_total", "up"),
                DashboardQueries.metricNames(
                        "sum by (stage, job) (increase(kd_errors_total{stage!=\"a b\","
                                + " run=~\"$run\"}[$__rate_interval] offset 1h))"
                                + " / on(instance) group_left(job) up > bool 0.5"));
    }

    @Test
    void findsBothSidesOfABinaryExpression() {
        assertEquals(
                Set.of("jvm_memory_used_bytes", "jvm_memory_max_bytes"),
                DashboardQueries.metricNames(
                        "sum without (id) (jvm_memory_used_bytes{area='heap'})"
                                + " / ignoring (id) sum(jvm_memory_max_bytes) * 1e2"));
    }

    @Test
    void aMatcherOnlySelectorNamesNoMetric() {
        assertEquals(Set.of(), DashboardQueries.metricNames("count({job=\"kd-services\"})"));
    }
}
