package kd.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kd.common.store.ObjectStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the object store and the Kafka broker both answer. */
@Readiness
@ApplicationScoped
public class DependencyReadiness implements HealthCheck {

    @Inject ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Override
    public HealthCheckResponse call() {
        boolean storeUp;
        try {
            store.list("processed/none/");
            storeUp = true;
        } catch (RuntimeException e) {
            storeUp = false;
        }
        boolean kafkaUp;
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            kafkaUp = true;
        } catch (Exception e) {
            kafkaUp = false;
        }
        return HealthCheckResponse.named("kd-dependencies")
                .status(storeUp && kafkaUp)
                .withData("objectStore", storeUp ? "up" : "down")
                .withData("kafka", kafkaUp ? "up" : "down")
                .build();
    }
}
