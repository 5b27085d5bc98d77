package io.herald.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.MetricNames;
import io.herald.core.ServiceInstance;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 2,000 instances with 1s TCP checks against four real loopback listeners on one node: the node keeps up (lag
 * under one interval) and never has more sockets open than health.max_concurrency allows.
 */
class LoadTest {
    private static final int INSTANCES = 2000;
    private static final int MAX_CONCURRENCY = 64;
    private final CatalogStore store = new CatalogStore("node-a");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HealthChecker checker = HealthChecker.create(
            HealthConfig.defaults().withMaxConcurrency(MAX_CONCURRENCY), store, meters);
    private CountingListeners listeners;

    @AfterEach
    void stop() throws Exception {
        checker.close();
        if (listeners != null) {
            listeners.close();
        }
    }

    private double totalResults() {
        return meters.find(MetricNames.CHECKS).tag(MetricNames.TAG_KIND, "tcp").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    /** Registers the instances in {@code target} and returns their checks, spread over the four listeners. */
    private Map<InstanceKey, List<CheckSpec>> instances(CatalogStore target) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        CheckSpec spec = CheckSpec.of(TcpTarget.self()).withInterval(Duration.ofSeconds(1))
                .withTimeout(Duration.ofMillis(500)).withRiseFall(1, 1);
        Map<InstanceKey, List<CheckSpec>> all = new LinkedHashMap<>();
        for (int i = 0; i < INSTANCES; i++) {
            target.register(ServiceInstance.of("app", "prod", "app-" + i, loopback, listeners.port(i % 4)));
            all.put(new InstanceKey("prod", "app", "app-" + i), List.of(spec));
        }
        return all;
    }

    /**
     * Runs the same load once on a throw-away checker so the JIT has compiled the connect path; a cold JVM on a
     * busy two-core machine needs a second or two before it reaches steady speed, which is not what this measures.
     */
    private void warmUp(CatalogStore scratch, Map<InstanceKey, List<CheckSpec>> checks) {
        SimpleMeterRegistry scratchMeters = new SimpleMeterRegistry();
        try (HealthChecker warm = HealthChecker.create(HealthConfig.defaults().withMaxConcurrency(MAX_CONCURRENCY),
                scratch, scratchMeters)) {
            warm.watchAll(checks);
            Await.until(Duration.ofSeconds(15), () -> scratchMeters.find(MetricNames.CHECKS).counters().stream()
                    .mapToDouble(c -> c.count()).sum(), n -> n >= 2.0 * INSTANCES, "two warm-up rounds");
        }
    }

    @Test
    void twoThousandInstancesWithOneSecondChecksKeepUp() throws Exception {
        listeners = new CountingListeners(4);
        // Both catalogues are filled first: registering 2,000 instances one by one leaves garbage for the GC.
        CatalogStore scratch = new CatalogStore("node-warm");
        Map<InstanceKey, List<CheckSpec>> warmChecks = instances(scratch);
        Map<InstanceKey, List<CheckSpec>> checks = instances(store);
        warmUp(scratch, warmChecks);
        int acceptedBefore = listeners.accepted();
        assertThat(checker.watchAll(checks)).hasSize(INSTANCES);
        // First results arrive spread over the first second.
        Await.until(Duration.ofSeconds(10), () -> store.localInstances().stream()
                .filter(i -> i.health() == Health.PASSING).count(), n -> n == INSTANCES, "every instance passing");
        long start = System.nanoTime();
        double before = totalResults();
        Timer lag = meters.get(MetricNames.CHECK_LAG).timer();
        long lagCountBefore = lag.count();
        double lagTotalBefore = lag.totalTime(TimeUnit.MILLISECONDS);
        // Three more rounds: on schedule they take three seconds.
        Await.until(Duration.ofSeconds(15), this::totalResults, n -> n >= before + 3.0 * INSTANCES,
                "three more rounds of checks");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).as("three rounds of 1s checks").isLessThan(Duration.ofMillis(4000));
        assertThat(lag.count()).isGreaterThanOrEqualTo(4L * INSTANCES);
        // Worst lag over the whole run, including the cold start, stays under one interval.
        assertThat(lag.max(TimeUnit.MILLISECONDS)).as("worst lag").isLessThan(1000);
        double steadyMean = (lag.totalTime(TimeUnit.MILLISECONDS) - lagTotalBefore) / (lag.count() - lagCountBefore);
        // Falling behind would make lag grow round after round; keeping up keeps it a small part of the interval.
        assertThat(steadyMean).as("mean lag once warm").isLessThan(250);
        assertThat(checker.inFlightPeak()).as("checks at once").isLessThanOrEqualTo(MAX_CONCURRENCY);
        assertThat(checker.socketPeak()).as("client sockets open at once").isBetween(1, MAX_CONCURRENCY);
        // The listeners saw every connection. (Their own open count is not asserted: a starved selector thread
        // notices resets late, so it over-counts; the checker's gauge counts its sockets from creation to close.)
        assertThat(listeners.accepted() - acceptedBefore).isGreaterThanOrEqualTo(4 * INSTANCES);
        assertThat(store.localInstances()).hasSize(INSTANCES).allMatch(i -> i.health() == Health.PASSING);
        assertThat(meters.get(MetricNames.HEALTH_INSTANCES).tags(MetricNames.TAG_STATE, "passing").gauge().value())
                .isEqualTo(INSTANCES);
        System.out.printf("load: %s for 3 rounds, lag max %.0fms, warm mean %.1fms, in flight peak %d, sockets peak %d, "
                        + "listener peak %d%n", elapsed, lag.max(TimeUnit.MILLISECONDS), steadyMean,
                checker.inFlightPeak(), checker.socketPeak(), listeners.peak());
    }
}
