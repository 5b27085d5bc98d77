package io.herald.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule precedence and clamping, with adaptive TTLs off so only the rules speak. */
class RuleResolutionTest {

    private static TtlRule rule(String env, String service, int seconds) {
        return new TtlRule(env, service, Duration.ofSeconds(seconds));
    }

    private final TtlConfig config = TtlConfig.defaults()
            .withAdaptive(Duration.ZERO, Duration.ZERO)
            .withRange(Duration.ofSeconds(2), Duration.ofSeconds(30))
            .withEnvironments(Map.of(
                    "prod", new EnvironmentTtl(Duration.ofSeconds(20), Duration.ofSeconds(15)),
                    "dev", new EnvironmentTtl(null, null)))
            .withRules(List.of(
                    rule(null, "db-*", 7),
                    rule(null, "db-main-*", 9),
                    rule("prod", "db-*", 8),
                    rule(null, "db-main-primary", 3),
                    rule("prod", "db-main-primary", 4),
                    rule(null, "huge", 3600),
                    rule(null, "tiny", 0)));
    private final RuleBasedTtlPolicy policy = RuleBasedTtlPolicy.create(config, DetectionTime.NONE);

    @Test
    void exactNameBeatsEveryPrefixAndEnvSpecificBeatsGeneric() {
        assertThat(policy.answerTtl("prod", "db-main-primary")).isEqualTo(4);
        assertThat(policy.answerTtl("staging", "db-main-primary")).isEqualTo(3);
    }

    @Test
    void longestPrefixWinsAndEnvBreaksTiesOfEqualLength() {
        assertThat(policy.answerTtl("staging", "db-main-replica")).isEqualTo(9);
        assertThat(policy.answerTtl("prod", "db-main-replica")).isEqualTo(9);
        assertThat(policy.answerTtl("prod", "db-cache")).isEqualTo(8);
        assertThat(policy.answerTtl("staging", "db-cache")).isEqualTo(7);
    }

    @Test
    void environmentDefaultThenGlobalDefault() {
        assertThat(policy.answerTtl("prod", "web")).isEqualTo(20);
        assertThat(policy.answerTtl("dev", "web")).isEqualTo(5);
        assertThat(policy.answerTtl("staging", "web")).isEqualTo(5);
    }

    @Test
    void everyAnswerIsClampedToTheRange() {
        assertThat(policy.answerTtl("prod", "huge")).isEqualTo(30);
        assertThat(policy.answerTtl("prod", "tiny")).isEqualTo(2);
        assertThat(policy.ceiling()).isEqualTo(30);
    }

    @Test
    void negativeTtlIsPerEnvironmentAndNoHealthyIsGlobal() {
        assertThat(policy.negativeTtl("prod")).isEqualTo(15);
        assertThat(policy.negativeTtl("dev")).isEqualTo(5);
        assertThat(policy.negativeTtl("staging")).isEqualTo(5);
        assertThat(policy.noHealthyTtl("prod", "web")).isEqualTo(1);
    }

    @Test
    void withoutAdaptiveTtlsChangesNeverTickAndNewServicesGetTheirRuleAtOnce() throws Exception {
        reactor.test.scheduler.VirtualTimeScheduler time = reactor.test.scheduler.VirtualTimeScheduler.create();
        RuleBasedTtlPolicy p = RuleBasedTtlPolicy.create(config, DetectionTime.NONE, new SchedulerClock(time), time);
        java.util.List<Object> ticks = new java.util.ArrayList<>();
        p.changes().subscribe(ticks::add);
        io.herald.core.CatalogStore store = new io.herald.core.CatalogStore("n1");
        p.follow(store.changes());
        store.register(io.herald.core.ServiceInstance.of("web", "prod", "w1",
                java.net.InetAddress.getByName("127.0.0.1"), 80));
        assertThat(p.decide("prod", "web")).isEqualTo(new TtlDecision(20, 20, "stable"));
        time.advanceTimeBy(Duration.ofHours(1));
        store.register(io.herald.core.ServiceInstance.of("web", "prod", "w2",
                java.net.InetAddress.getByName("127.0.0.2"), 80));
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(ticks).isEmpty();
        assertThat(p.answerTtl("prod", "web")).isEqualTo(20);
        p.close();
    }
}
