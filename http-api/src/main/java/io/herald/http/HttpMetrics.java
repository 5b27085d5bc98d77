package io.herald.http;

import io.herald.core.Catalog;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.MetricNames;
import io.herald.core.ServiceInstance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The API's request counter and the catalogue's instance gauges. */
final class HttpMetrics implements AutoCloseable {
    /** Methods counted under their own name; anything else is "other", so clients cannot mint new series. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "OPTIONS");

    private final MeterRegistry registry;
    private final List<Gauge> gauges = new ArrayList<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registered once the server is bound, so a failed start leaves no gauges behind. */
    void bindInstanceGauges(CatalogStore store) {
        for (Health h : Health.values()) {
            // Read at scrape time from the current snapshot: lock-free, never stale, nothing to keep in sync.
            gauges.add(Gauge.builder(MetricNames.INSTANCES, store, s -> visibleWith(s.current(), h))
                    .description("Instances DNS may serve (local and remote reachable nodes), by health")
                    .tag(MetricNames.TAG_HEALTH, h.wireName())
                    .strongReference(true)
                    .register(registry));
        }
    }

    void request(String route, String method, int status) {
        Counter.builder(MetricNames.HTTP_REQUESTS)
                .description("HTTP API requests by route and status")
                .tag(MetricNames.TAG_ROUTE, route)
                .tag(MetricNames.TAG_METHOD, KNOWN_METHODS.contains(method) ? method : "other")
                .tag(MetricNames.TAG_STATUS, Integer.toString(status))
                .register(registry)
                .increment();
    }

    private static double visibleWith(Catalog c, Health h) {
        int n = 0;
        for (ServiceInstance i : c.visible()) {
            if (i.health() == h) {
                n++;
            }
        }
        return n;
    }

    /** Removes the gauges so a later API on the same registry binds them to its own store. */
    @Override
    public void close() {
        gauges.forEach(registry::remove);
    }
}
