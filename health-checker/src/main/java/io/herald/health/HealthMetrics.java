package io.herald.health;

import io.herald.core.Health;
import io.herald.core.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The checker's meters; counters and timers are created once per kind so recording allocates nothing. */
final class HealthMetrics {
    private final Map<CheckKind, Map<Health, Counter>> results = new EnumMap<>(CheckKind.class);
    private final Map<CheckKind, Timer> latency = new EnumMap<>(CheckKind.class);
    private final Map<CheckKind, Counter> flaps = new EnumMap<>(CheckKind.class);
    private final Timer lag;
    private final Counter deregistrations;

    HealthMetrics(MeterRegistry registry, Supplier<Collection<WatchedInstance>> instances, Supplier<Number> inFlight,
                  Supplier<Number> sockets) {
        for (CheckKind kind : CheckKind.values()) {
            Map<Health, Counter> byResult = new EnumMap<>(Health.class);
            for (Health h : Health.values()) {
                byResult.put(h, Counter.builder(MetricNames.CHECKS)
                        .description("check results by kind and raw result (before rise/fall and damping)")
                        .tag(MetricNames.TAG_KIND, kind.wireName()).tag(MetricNames.TAG_RESULT, h.wireName())
                        .register(registry));
            }
            results.put(kind, byResult);
            latency.put(kind, Timer.builder(MetricNames.CHECK_LATENCY).description("time one probe took")
                    .tag(MetricNames.TAG_KIND, kind.wireName()).register(registry));
            flaps.put(kind, Counter.builder(MetricNames.CHECK_FLAPS)
                    .description("checks that started flapping and were held at their worse state")
                    .tag(MetricNames.TAG_KIND, kind.wireName()).register(registry));
        }
        lag = Timer.builder(MetricNames.CHECK_LAG)
                .description("delay between a check being due and starting; grows when the node falls behind")
                .register(registry);
        deregistrations = Counter.builder(MetricNames.HEALTH_DEREGISTRATIONS)
                .description("instances deregistered after staying critical for deregister_after")
                .register(registry);
        for (Health h : Health.values()) {
            Gauge.builder(MetricNames.HEALTH_INSTANCES, instances,
                            all -> all.get().stream().filter(i -> i.published() == h).count())
                    .description("checked instances on this node by health").tag(MetricNames.TAG_STATE, h.wireName())
                    .strongReference(true).register(registry);
        }
        Gauge.builder(MetricNames.CHECKS_IN_FLIGHT, inFlight, s -> s.get().doubleValue())
                .description("checks running right now (at most health.max_concurrency)").strongReference(true)
                .register(registry);
        Gauge.builder(MetricNames.CHECK_SOCKETS, sockets, s -> s.get().doubleValue())
                .description("sockets opened by TCP and HTTP checks and not yet closed").strongReference(true)
                .register(registry);
    }

    void result(CheckKind kind, Health raw) {
        results.get(kind).get(raw).increment();
    }

    void latency(CheckKind kind, long millis) {
        latency.get(kind).record(millis, TimeUnit.MILLISECONDS);
    }

    void lag(long millis) {
        lag.record(Duration.ofMillis(Math.max(0, millis)));
    }

    void flap(CheckKind kind) {
        flaps.get(kind).increment();
    }

    void deregistered() {
        deregistrations.increment();
    }
}
