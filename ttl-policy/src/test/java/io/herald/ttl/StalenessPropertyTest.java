package io.herald.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Over many generated configs and catalogue histories: every TTL handed out plus the detection time stays within
 * the staleness budget, every TTL is inside [min, max], and configs that cannot meet their budget are refused.
 */
class StalenessPropertyTest {
    private static final String[] SERVICES = {"web", "db-main", "db-replica", "api", "cache", "queue"};
    private static final String[] ENVS = {"prod", "staging", "dev"};

    @Test
    void everyAnswerRespectsTheBudgetOverGeneratedConfigsAndHistories() throws Exception {
        int accepted = 0;
        int refused = 0;
        for (long seed = 1; seed <= 400; seed++) {
            Random rnd = new Random(seed);
            TtlConfig config = randomConfig(rnd);
            DetectionTime detection = randomDetection(rnd);
            long budget = config.maxStaleness().toMillis();
            boolean meetable = budget == 0
                    || budget - detection.total().toMillis() >= config.min().toMillis();
            if (!meetable) {
                assertThatThrownBy(() -> RuleBasedTtlPolicy.create(config, detection))
                        .as("seed %d", seed)
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("ttl.max_staleness: ");
                refused++;
                continue;
            }
            accepted++;
            runHistory(seed, rnd, config, detection);
        }
        assertThat(accepted).as("generator covers accepted configs").isGreaterThan(100);
        assertThat(refused).as("generator covers refused configs").isGreaterThan(30);
    }

    private static void runHistory(long seed, Random rnd, TtlConfig config, DetectionTime detection) throws Exception {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        RuleBasedTtlPolicy policy = RuleBasedTtlPolicy.create(config, detection, new SchedulerClock(time), time);
        CatalogStore store = new CatalogStore("local");
        var following = policy.follow(store.changes());
        List<Integer> seen = new ArrayList<>();
        try {
            for (int event = 0; event < 60; event++) {
                mutate(rnd, store);
                time.advanceTimeBy(Duration.ofMillis(rnd.nextInt(40_000)));
                for (String env : ENVS) {
                    for (String service : SERVICES) {
                        int ttl = policy.answerTtl(env, service);
                        seen.add(ttl);
                        assertThat(ttl).as("seed %d %s/%s", seed, env, service)
                                .isBetween((int) config.min().toSeconds(), (int) config.max().toSeconds());
                        if (!config.maxStaleness().isZero()) {
                            assertThat(Duration.ofSeconds(ttl).plus(detection.total()))
                                    .as("seed %d %s/%s: ttl %ds + detection %s", seed, env, service, ttl, detection.total())
                                    .isLessThanOrEqualTo(config.maxStaleness());
                        }
                    }
                }
            }
            assertThat(seen).isNotEmpty();
        } finally {
            following.dispose();
            policy.close();
            time.dispose();
        }
    }

    private static void mutate(Random rnd, CatalogStore store) throws Exception {
        String env = ENVS[rnd.nextInt(ENVS.length)];
        String service = SERVICES[rnd.nextInt(SERVICES.length)];
        String id = "i" + rnd.nextInt(3);
        switch (rnd.nextInt(5)) {
            case 0, 1 -> store.register(ServiceInstance.of(service, env, id,
                    InetAddress.getByName("127.0.0." + (1 + rnd.nextInt(9))), 80 + rnd.nextInt(3)));
            case 2 -> store.deregister(new InstanceKey(env, service, id));
            case 3 -> store.updateHealth(new InstanceKey(env, service, id), Health.values()[rnd.nextInt(3)]);
            default -> {
                if (rnd.nextBoolean()) {
                    store.replaceNode("remote", List.of(ServiceInstance.of(service, env, id,
                            InetAddress.getByName("127.0.1.1"), 80)));
                }
                store.setReachable("remote", rnd.nextBoolean());
            }
        }
    }

    private static TtlConfig randomConfig(Random rnd) {
        int min = rnd.nextInt(6);
        int max = min + rnd.nextInt(120);
        List<TtlRule> rules = new ArrayList<>();
        for (int i = 0; i < rnd.nextInt(5); i++) {
            String env = rnd.nextBoolean() ? null : ENVS[rnd.nextInt(ENVS.length)];
            String svc = rnd.nextBoolean() ? "db-*" : SERVICES[rnd.nextInt(SERVICES.length)];
            if (rules.stream().noneMatch(r -> r.service().equals(svc) && java.util.Objects.equals(r.env(), env))) {
                rules.add(new TtlRule(env, svc, Duration.ofSeconds(rnd.nextInt(400))));
            }
        }
        Map<String, EnvironmentTtl> envs = new LinkedHashMap<>();
        if (rnd.nextBoolean()) {
            envs.put("prod", new EnvironmentTtl(Duration.ofSeconds(rnd.nextInt(300)), Duration.ofSeconds(rnd.nextInt(30))));
        }
        Duration staleness = rnd.nextInt(4) == 0 ? Duration.ZERO : Duration.ofMillis(rnd.nextInt(200_000));
        Duration stableAfter = rnd.nextInt(3) == 0 ? Duration.ZERO : Duration.ofSeconds(rnd.nextInt(60));
        Duration step = Duration.ofMillis(1 + rnd.nextInt(20_000));
        return new TtlConfig(Duration.ofSeconds(rnd.nextInt(200)), Duration.ofSeconds(min), Duration.ofSeconds(max),
                Duration.ofSeconds(rnd.nextInt(30)), Duration.ofSeconds(rnd.nextInt(5)), envs, rules, staleness,
                stableAfter, step);
    }

    private static DetectionTime randomDetection(Random rnd) {
        Duration interval = Duration.ofMillis(100 + rnd.nextInt(20_000));
        Duration timeout = Duration.ofMillis(rnd.nextInt((int) interval.toMillis()));
        return new DetectionTime(interval, 1 + rnd.nextInt(5), timeout, Duration.ofMillis(rnd.nextInt(15_000)));
    }
}
