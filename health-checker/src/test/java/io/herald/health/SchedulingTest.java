package io.herald.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.InvalidFieldException;
import io.herald.core.ServiceInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/** First-run spreading, lifecycle against the store, and config validation. */
class SchedulingTest {

    @Test
    void firstRunsAreSpreadOverTheWholeInterval() {
        SplittableRandom random = new SplittableRandom(42);
        int[] tenths = new int[10];
        for (int i = 0; i < 10_000; i++) {
            long ms = HealthChecker.firstDelay(Duration.ofSeconds(10), random).toMillis();
            assertThat(ms).isBetween(0L, 9_999L);
            tenths[(int) (ms / 1000)]++;
        }
        for (int t : tenths) {
            assertThat(t).as("runs per tenth of the interval").isBetween(800, 1200);
        }
    }

    @Test
    void checksStopWhenTheInstanceIsDeregisteredElsewhere() throws Exception {
        CatalogStore store = new CatalogStore("node-a");
        DisposableServer server = TcpServer.create().host("127.0.0.1").port(0)
                .handle((in, out) -> in.receive().then()).bindNow();
        try (HealthChecker checker = HealthChecker.create(HealthConfig.defaults(), store, new SimpleMeterRegistry())) {
            InstanceKey key = new InstanceKey("prod", "db", "db-1");
            store.register(ServiceInstance.of("db", "prod", "db-1", InetAddress.getByName("127.0.0.1"), server.port()));
            List<String> ids = checker.watch(key, List.of(CheckSpec.of(TcpTarget.self())
                    .withInterval(Duration.ofMillis(50)).withRiseFall(1, 1)));
            Await.until(Duration.ofSeconds(5), () -> store.local(key).map(ServiceInstance::health).orElse(null),
                    h -> h == Health.PASSING, "the instance to pass");
            store.deregister(key);
            Await.until(Duration.ofSeconds(5), () -> checker.status(ids.get(0)).isPresent(), present -> !present,
                    "the check to stop");
            assertThat(checker.statuses()).isEmpty();
            assertThat(store.local(key)).isEmpty();
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void heartbeatsAcceptTheApiTextForm() throws Exception {
        CatalogStore store = new CatalogStore("node-a");
        try (HealthChecker checker = HealthChecker.create(HealthConfig.defaults(), store, new SimpleMeterRegistry())) {
            InstanceKey key = new InstanceKey("prod", "web", "web-1");
            store.register(ServiceInstance.of("web", "prod", "web-1", InetAddress.getByName("127.0.0.1"), 80));
            checker.watch(key, List.of(CheckSpec.ttl(Duration.ofMinutes(1)).withId("hb")));
            assertThat(checker.heartbeat("hb", "warning", "slow disk")).isTrue();
            assertThat(checker.status("hb").orElseThrow().status()).isEqualTo(Health.WARNING);
            assertThat(checker.heartbeat("nope", "passing", "")).isFalse();
            assertThatThrownBy(() -> checker.heartbeat("hb", "green", ""))
                    .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("status: health must be one of");
        }
    }

    @Test
    void healthConfigIsValidatedWhenBuilt() {
        assertThatThrownBy(() -> HealthConfig.defaults().withMaxConcurrency(0))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("health.max_concurrency:");
        assertThatThrownBy(() -> HealthConfig.defaults().withFlapDamping(Duration.ZERO, 3))
                .hasMessageStartingWith("health.flap_window:");
        assertThatThrownBy(() -> new HealthConfig(8, 0, 4096, Duration.ofMinutes(1), 0))
                .hasMessageStartingWith("health.exec_threads:");
        assertThatThrownBy(() -> new HealthConfig(8, 2, 10, Duration.ofMinutes(1), 0))
                .hasMessageStartingWith("health.output_limit:");
        assertThat(HealthConfig.defaults()).isEqualTo(new HealthConfig(256, 16, 4096, Duration.ofMinutes(2), 5));
    }
}
