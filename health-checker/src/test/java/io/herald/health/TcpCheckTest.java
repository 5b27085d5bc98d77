package io.herald.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.Catalog;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.MetricNames;
import io.herald.core.ServiceInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/** A real loopback listener that goes away and comes back. */
class TcpCheckTest {
    private final CatalogStore store = new CatalogStore("node-a");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HealthChecker checker = HealthChecker.create(HealthConfig.defaults(), store, meters);
    private final InstanceKey db = new InstanceKey("prod", "db", "db-1");
    private DisposableServer server;

    @AfterEach
    void stop() {
        checker.close();
        if (server != null) {
            server.disposeNow();
        }
    }

    private static DisposableServer listen(int port) {
        return TcpServer.create().host("127.0.0.1").port(port).handle((in, out) -> in.receive().then()).bindNow();
    }

    private double results(String result) {
        return meters.get(MetricNames.CHECKS).tags(MetricNames.TAG_KIND, "tcp", MetricNames.TAG_RESULT, result)
                .counter().count();
    }

    private Health health(Catalog c) {
        ServiceInstance i = c.ofNode("node-a").get(db);
        return i == null ? null : i.health();
    }

    /** Waits for a health in the store and returns the given counter's value at the moment of the change. */
    private double countWhen(Health wanted, String result) {
        Double n = store.changes().filter(c -> health(c) == wanted).map(c -> results(result))
                .blockFirst(Duration.ofSeconds(10));
        assertThat(n).as("reached %s", wanted).isNotNull();
        return n;
    }

    @Test
    void criticalAfterFallFailuresAndBackAfterRiseSuccesses() throws Exception {
        server = listen(0);
        int port = server.port();
        store.register(ServiceInstance.of("db", "prod", "db-1", InetAddress.getByName("127.0.0.1"), port));
        // Health is written to the store a moment after a result; 200ms runs leave no room for an extra result.
        checker.watch(db, List.of(CheckSpec.of(TcpTarget.self()).withInterval(Duration.ofMillis(200))
                .withTimeout(Duration.ofMillis(100)).withRiseFall(2, 3)));

        countWhen(Health.PASSING, "passing");
        assertThat(checker.statuses(db).get(0).output()).isEqualTo("TCP connect to 127.0.0.1:" + port + " succeeded");

        server.disposeNow();
        server = null;
        assertThat(countWhen(Health.CRITICAL, "critical")).as("critical results when it turned critical").isEqualTo(3);
        assertThat(checker.statuses(db).get(0).output())
                .isEqualTo("TCP connect to 127.0.0.1:" + port + " failed: connection refused");
        double passesBefore = results("passing");

        server = listen(port);
        double passesAtRecovery = countWhen(Health.PASSING, "passing");
        assertThat(passesAtRecovery - passesBefore).as("passing results needed to recover").isEqualTo(2);
        assertThat(checker.openSockets()).isLessThanOrEqualTo(1);
    }

    @Test
    void aHangingCheckTimesOutWithoutDelayingOthers() throws Exception {
        server = listen(0);
        InstanceKey silent = new InstanceKey("prod", "db", "db-2");
        store.register(ServiceInstance.of("db", "prod", "db-1", InetAddress.getByName("127.0.0.1"), server.port()));
        store.register(ServiceInstance.of("db", "prod", "db-2", InetAddress.getByName("127.0.0.1"), server.port()));
        // The listener accepts but never answers, so this HTTP check hangs until its timeout on every run.
        checker.watch(silent, List.of(CheckSpec.of(HttpTarget.parse("http", "/health", "http", false))
                .withInterval(Duration.ofMillis(300)).withTimeout(Duration.ofMillis(300)).withRiseFall(1, 1)
                .withInitial(Health.PASSING)));
        checker.watch(db, List.of(CheckSpec.of(TcpTarget.self()).withInterval(Duration.ofMillis(50))
                .withTimeout(Duration.ofMillis(50)).withRiseFall(1, 1)));
        countWhen(Health.PASSING, "passing");
        CheckStatus hung = Await.until(Duration.ofSeconds(5), () -> checker.statuses(silent).get(0),
                s -> s.lastRun() != null, "the hanging check to finish");
        assertThat(hung.status()).isEqualTo(Health.CRITICAL);
        assertThat(hung.output()).endsWith("failed: timed out after 300ms");
        // While the other check hangs for 300ms per run, the fast one keeps its 50ms rhythm.
        double before = results("passing");
        long start = System.nanoTime();
        Await.until(Duration.ofSeconds(5), () -> results("passing"), n -> n >= before + 10, "ten more fast results");
        // Ten 50ms runs; had they waited for the 300ms hanging check it would take at least 3s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(meters.get(MetricNames.CHECK_LAG).timer().mean(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isLessThan(25);
    }
}
