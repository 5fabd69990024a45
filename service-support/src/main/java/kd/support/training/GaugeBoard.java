package kd.support.training;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gauges whose value is set rather than observed: one holder per metric name and tag set,
 * registered the first time it is set.
 */
@ApplicationScoped
public class GaugeBoard {

    @Inject MeterRegistry registry;

    private final ConcurrentHashMap<String, AtomicReference<Double>> values =
            new ConcurrentHashMap<>();

    public void set(String name, Tags tags, double value) {
        String id = name + tags;
        values.computeIfAbsent(
                        id,
                        k -> {
                            AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
                            Gauge.builder(name, holder, h -> h.get()).tags(tags).register(registry);
                            return holder;
                        })
                .set(value);
    }
}
