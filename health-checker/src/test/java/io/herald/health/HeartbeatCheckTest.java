package io.herald.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.InvalidFieldException;
import io.herald.core.MetricNames;
import io.herald.core.ServiceInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/** TTL checks, flap damping, deregister_after and watch bookkeeping, all on virtual time. */
class HeartbeatCheckTest {
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final CatalogStore store = new CatalogStore("node-a");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HealthChecker checker = HealthChecker.create(
            HealthConfig.defaults().withFlapDamping(Duration.ofSeconds(60), 4), store, new SchedulerClock(time), time, meters);
    private final InstanceKey web1 = new InstanceKey("prod", "web", "web-1");

    @AfterEach
    void stop() {
        checker.close();
        time.dispose();
    }

    private void register(InstanceKey key) throws Exception {
        store.register(ServiceInstance.of(key.service(), key.env(), key.id(), InetAddress.getByName("127.0.0.1"), 8080));
    }

    private Health health(InstanceKey key) {
        return store.local(key).map(ServiceInstance::health).orElse(null);
    }

    private void advance(long seconds) {
        time.advanceTimeBy(Duration.ofSeconds(seconds));
    }

    private double count(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    @Test
    void aTtlCheckStartsCriticalAndFollowsReports() throws Exception {
        register(web1);
        List<String> ids = checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(30))));
        assertThat(ids).containsExactly("prod.web.web-1");
        assertThat(health(web1)).isEqualTo(Health.CRITICAL);

        assertThat(checker.heartbeat("prod.web.web-1", Health.PASSING, "all good")).isTrue();
        assertThat(health(web1)).isEqualTo(Health.PASSING);
        assertThat(checker.status("prod.web.web-1").orElseThrow().output()).isEqualTo("all good");

        assertThat(checker.heartbeat("prod.web.web-1", Health.WARNING, "disk 91%")).isTrue();
        assertThat(health(web1)).isEqualTo(Health.WARNING);
        assertThat(checker.heartbeat("prod.web.web-1", Health.CRITICAL, "db down")).isTrue();
        assertThat(health(web1)).isEqualTo(Health.CRITICAL);
        assertThat(count(MetricNames.CHECKS, MetricNames.TAG_KIND, "ttl", MetricNames.TAG_RESULT, "warning")).isEqualTo(1);
    }

    @Test
    void aHeartbeatThatStopsGoesCriticalAfterItsTtl() throws Exception {
        register(web1);
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(30))));
        advance(20);
        checker.heartbeat("prod.web.web-1", Health.PASSING, "");
        advance(29);
        assertThat(health(web1)).isEqualTo(Health.PASSING);
        // Each report restarts the TTL.
        checker.heartbeat("prod.web.web-1", Health.PASSING, "");
        advance(29);
        assertThat(health(web1)).isEqualTo(Health.PASSING);
        advance(1);
        assertThat(health(web1)).isEqualTo(Health.CRITICAL);
        assertThat(checker.status("prod.web.web-1").orElseThrow().output()).contains("TTL of 30s expired");
        checker.heartbeat("prod.web.web-1", Health.PASSING, "back");
        assertThat(health(web1)).isEqualTo(Health.PASSING);
    }

    @Test
    void unknownIdsAreNotFoundAndProbedChecksRefuseReports() throws Exception {
        register(web1);
        checker.watch(web1, List.of(CheckSpec.tcp("127.0.0.1", 9).withId("web-port")));
        assertThat(checker.heartbeat("nope", Health.PASSING, "")).isFalse();
        assertThatThrownBy(() -> checker.heartbeat("web-port", Health.PASSING, ""))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("checkId: check 'web-port' is a tcp check; only ttl checks accept status reports");
    }

    @Test
    void theInstanceIsAsHealthyAsItsWorstCheck() throws Exception {
        register(web1);
        List<String> ids = checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(30)),
                CheckSpec.ttl(Duration.ofSeconds(30)).withId("web1-disk")));
        assertThat(ids).containsExactly("prod.web.web-1.1", "web1-disk");
        checker.heartbeat("prod.web.web-1.1", Health.PASSING, "");
        assertThat(health(web1)).isEqualTo(Health.CRITICAL);
        checker.heartbeat("web1-disk", Health.WARNING, "");
        assertThat(health(web1)).isEqualTo(Health.WARNING);
        checker.heartbeat("web1-disk", Health.PASSING, "");
        assertThat(health(web1)).isEqualTo(Health.PASSING);
        assertThat(meters.get(MetricNames.HEALTH_INSTANCES).tags(MetricNames.TAG_STATE, "passing").gauge().value())
                .isEqualTo(1);
        assertThat(checker.statuses(web1)).extracting(CheckStatus::status).containsOnly(Health.PASSING);
    }

    @Test
    void watchBookkeeping() throws Exception {
        InstanceKey web2 = new InstanceKey("prod", "web", "web-2");
        assertThatThrownBy(() -> checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(5)))))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("instance: prod/web/web-1 is not registered on this node");
        register(web1);
        register(web2);
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(5)).withId("shared")));
        assertThatThrownBy(() -> checker.watch(web2, List.of(CheckSpec.ttl(Duration.ofSeconds(5)),
                CheckSpec.ttl(Duration.ofSeconds(5)).withId("shared"))))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("checks[1].id: 'shared' is already used by instance prod/web/web-1; check ids are unique per node");

        // Re-watching with equal specs keeps the running check and its state.
        checker.heartbeat("shared", Health.PASSING, "");
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(5)).withId("shared")));
        assertThat(health(web1)).isEqualTo(Health.PASSING);
        // Re-registering resets the stored health; watching again restores the checks' verdict.
        checker.heartbeat("shared", Health.WARNING, "");
        register(web1);
        assertThat(health(web1)).isEqualTo(Health.PASSING);
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(5)).withId("shared")));
        assertThat(health(web1)).isEqualTo(Health.WARNING);
        // Different specs replace it (back to the initial status).
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(9)).withId("shared")));
        assertThat(health(web1)).isEqualTo(Health.CRITICAL);
        // A new address re-resolves the checks even with equal specs.
        checker.heartbeat("shared", Health.PASSING, "");
        store.register(ServiceInstance.of("web", "prod", "web-1", InetAddress.getByName("127.0.0.2"), 8080));
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(9)).withId("shared")));
        assertThat(health(web1)).isEqualTo(Health.CRITICAL);
        // Checks removed: passing, nothing watched.
        assertThat(checker.watch(web1, List.of())).isEmpty();
        assertThat(health(web1)).isEqualTo(Health.PASSING);
        // No checks ever: the registered health is left alone.
        store.updateHealth(web2, Health.WARNING);
        assertThat(checker.watch(web2, List.of())).isEmpty();
        assertThat(health(web2)).isEqualTo(Health.WARNING);
        assertThat(checker.status("shared")).isEmpty();
        assertThat(checker.statuses()).isEmpty();
    }

    @Test
    void flappingHeartbeatsAreHeldCriticalUntilQuietForAWindow() throws Exception {
        register(web1);
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofMinutes(10)).withId("hb")));
        checker.heartbeat("hb", Health.PASSING, "");
        for (int i = 0; i < 4; i++) {
            advance(5);
            checker.heartbeat("hb", i % 2 == 0 ? Health.CRITICAL : Health.PASSING, "");
        }
        CheckStatus s = checker.status("hb").orElseThrow();
        assertThat(s.flapping()).isTrue();
        assertThat(s.underlying()).isEqualTo(Health.PASSING);
        assertThat(s.status()).isEqualTo(Health.CRITICAL);
        assertThat(s.reason()).startsWith("flapping: 4 state changes within 1m");
        assertThat(health(web1)).isEqualTo(Health.CRITICAL);
        assertThat(count(MetricNames.CHECK_FLAPS, MetricNames.TAG_KIND, "ttl")).isEqualTo(1);

        for (int i = 0; i < 11; i++) {
            advance(5);
            checker.heartbeat("hb", Health.PASSING, "");
            assertThat(health(web1)).as("held after %ds of quiet", 5 * (i + 1)).isEqualTo(Health.CRITICAL);
        }
        advance(5);
        checker.heartbeat("hb", Health.PASSING, "");
        assertThat(health(web1)).isEqualTo(Health.PASSING);
        assertThat(checker.status("hb").orElseThrow().flapping()).isFalse();
    }

    @Test
    void anInstanceCriticalForDeregisterAfterIsDeregistered() throws Exception {
        register(web1);
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(10)).withId("hb")
                .withDeregisterAfter(Duration.ofMinutes(1))));
        // Critical from the start; a pass at 50s resets the clock.
        advance(50);
        checker.heartbeat("hb", Health.PASSING, "");
        advance(30);
        assertThat(health(web1)).as("TTL expired at 60s").isEqualTo(Health.CRITICAL);
        advance(39);
        assertThat(store.local(web1)).as("critical for 59s").isPresent();
        advance(1);
        assertThat(store.local(web1)).as("critical for 60s").isEmpty();
        assertThat(checker.status("hb")).isEmpty();
        assertThat(meters.get(MetricNames.HEALTH_DEREGISTRATIONS).counter().count()).isEqualTo(1);
        assertThat(checker.heartbeat("hb", Health.PASSING, "")).isFalse();
    }

    @Test
    void heartbeatsForAnInstanceDeregisteredElsewhereAreNotFound() throws Exception {
        register(web1);
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(10)).withId("hb")));
        store.deregister(web1);
        assertThat(checker.heartbeat("hb", Health.PASSING, "")).isFalse();
        assertThat(checker.status("hb")).isEmpty();
        assertThat(checker.statuses()).isEmpty();
    }

    @Test
    void anExpiringTtlNoticesItsInstanceIsGone() throws Exception {
        register(web1);
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(10)).withId("hb")));
        store.deregister(web1);
        advance(10);
        assertThat(checker.status("hb")).isEmpty();
    }

    @Test
    void withoutDeregisterAfterACriticalInstanceStays() throws Exception {
        register(web1);
        checker.watch(web1, List.of(CheckSpec.ttl(Duration.ofSeconds(10))));
        advance(3600);
        assertThat(health(web1)).isEqualTo(Health.CRITICAL);
        assertThat(store.local(web1)).isPresent();
    }
}
