package io.herald.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Adaptive TTLs driven by a real catalogue store and virtual time. */
class AdaptivePolicyTest {
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final CatalogStore store = new CatalogStore("node-a");
    // web: target 8s; min 1s; full TTL after 30s + steps of 10s: 1 (0-29s), 2 (30s), 4 (40s), 8 (50s).
    private final TtlConfig config = TtlConfig.defaults()
            .withRules(List.of(new TtlRule(null, "web", Duration.ofSeconds(8))))
            .withAdaptive(Duration.ofSeconds(30), Duration.ofSeconds(10));
    private final RuleBasedTtlPolicy policy =
            RuleBasedTtlPolicy.create(config, DetectionTime.NONE, new SchedulerClock(time), time);
    private final List<TtlStep> steps = new CopyOnWriteArrayList<>();
    private final Disposable ticks = policy.changes().cast(TtlStep.class).subscribe(steps::add);
    private final Disposable following = policy.follow(store.changes());

    @AfterEach
    void stop() {
        ticks.dispose();
        following.dispose();
        policy.close();
        time.dispose();
    }

    private static ServiceInstance web(String id, int port) throws Exception {
        return ServiceInstance.of("web", "prod", id, InetAddress.getByName("127.0.0.1"), port);
    }

    private void advance(int seconds) {
        time.advanceTimeBy(Duration.ofSeconds(seconds));
    }

    @Test
    void unobservedServicesGetTheMinimum() {
        assertThat(policy.decide("prod", "web")).isEqualTo(new TtlDecision(1, 8, "not yet observed"));
    }

    @Test
    void aStableServiceClimbsStepByStepAndEachStepTicks() throws Exception {
        store.register(web("w1", 80));
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(1);
        advance(29);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(1);
        assertThat(steps).isEmpty();
        advance(1);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(2);
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).services()).containsExactly(new ServiceName("prod", "web"));
        assertThat(steps.get(0).at()).isEqualTo(java.time.Instant.ofEpochSecond(30));
        advance(10);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(4);
        advance(10);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(8);
        assertThat(steps).hasSize(3);
        advance(600);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(8);
        assertThat(steps).as("no ticks once the target is reached").hasSize(3);
    }

    @Test
    void aChangeDropsToTheMinimumAtOnceAndTicksSoStaleSnapshotsAreRebuilt() throws Exception {
        store.register(web("w1", 80));
        advance(60);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(8);
        int before = steps.size();
        store.register(web("w2", 81));
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(1);
        assertThat(steps).hasSize(before + 1);
        assertThat(steps.get(before).services()).containsExactly(new ServiceName("prod", "web"));
        advance(30);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(2);
    }

    @Test
    void otherServicesKeepTheirTtlWhenOneChanges() throws Exception {
        store.register(web("w1", 80));
        store.register(ServiceInstance.of("api", "prod", "a1", InetAddress.getByName("127.0.0.2"), 90));
        advance(60);
        assertThat(policy.answerTtl("prod", "api")).isEqualTo(5);
        store.register(web("w2", 81));
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(1);
        assertThat(policy.answerTtl("prod", "api")).isEqualTo(5);
    }

    @Test
    void aFlappingInstanceHoldsItsServiceAtTheMinimum() throws Exception {
        store.register(web("w1", 80));
        store.register(web("w2", 81));
        InstanceKey w2 = new InstanceKey("prod", "web", "w2");
        for (int i = 0; i < 12; i++) {
            advance(20);
            store.updateHealth(w2, i % 2 == 0 ? Health.CRITICAL : Health.PASSING);
            assertThat(policy.answerTtl("prod", "web")).as("after %d flaps", i + 1).isEqualTo(1);
        }
        advance(29);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(1);
        advance(1);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(2);
    }

    @Test
    void aSuspectNodeKeepsItsServicesAtTheMinimumUntilStableAgain() throws Exception {
        store.replaceNode("node-b", List.of(web("w9", 80)));
        advance(60);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(8);
        store.setReachable("node-b", false);
        assertThat(policy.decide("prod", "web").reason()).isEqualTo("an instance's node is suspect");
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(1);
        advance(600);
        assertThat(policy.answerTtl("prod", "web")).as("suspect for long is still suspect").isEqualTo(1);
        store.setReachable("node-b", true);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(1);
        advance(50);
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(8);
    }

    @Test
    void ticksComeAtMostOnceASecondOnWholeSeconds() throws Exception {
        store.register(web("w1", 80));
        time.advanceTimeBy(Duration.ofMillis(300));
        store.register(ServiceInstance.of("api", "prod", "a1", InetAddress.getByName("127.0.0.2"), 90));
        time.advanceTimeBy(Duration.ofMillis(400));
        store.register(ServiceInstance.of("db", "prod", "d1", InetAddress.getByName("127.0.0.3"), 91));
        advance(31);
        // web would step at 30.0s, api at 30.3s and db at 30.7s: api and db share the tick at 31s.
        assertThat(steps).extracting(TtlStep::at)
                .containsExactly(java.time.Instant.ofEpochSecond(30), java.time.Instant.ofEpochSecond(31));
        assertThat(steps.get(1).services()).containsExactlyInAnyOrder(
                new ServiceName("prod", "api"), new ServiceName("prod", "db"));
    }

    @Test
    void removedServicesAreForgotten() throws Exception {
        store.register(web("w1", 80));
        advance(60);
        store.deregister(new InstanceKey("prod", "web", "w1"));
        assertThat(policy.decide("prod", "web").reason()).isEqualTo("not yet observed");
    }
}
