package io.herald.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TtlConfigTest {
    private static final Duration S1 = Duration.ofSeconds(1);

    @Test
    void defaultsAreTheDocumentedOnes() {
        TtlConfig c = TtlConfig.defaults();
        assertThat(c.defaultTtl()).hasSeconds(5);
        assertThat(c.min()).hasSeconds(1);
        assertThat(c.max()).hasSeconds(60);
        assertThat(c.negative()).hasSeconds(5);
        assertThat(c.noHealthy()).hasSeconds(1);
        assertThat(c.maxStaleness()).isZero();
        assertThat(c.stableAfter()).hasSeconds(30);
        assertThat(c.adaptive()).isTrue();
    }

    @Test
    void minAboveMaxIsRefusedNamingBothKeys() {
        assertThatThrownBy(() -> TtlConfig.defaults().withRange(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ttl.min")
                .hasMessageContaining("10s")
                .hasMessageContaining("ttl.max 5s");
    }

    @Test
    void subSecondTtlsAreRefusedBecauseDnsCannotCarryThem() {
        assertThatThrownBy(() -> new TtlConfig(Duration.ofMillis(1500), S1, Duration.ofSeconds(60), S1, S1,
                Map.of(), List.of(), Duration.ZERO, Duration.ZERO, S1))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ttl.default: DNS TTLs are whole seconds, got 1500ms");
    }

    @Test
    void ruleErrorsNameTheRuleField() {
        assertThatThrownBy(() -> TtlRule.of("ttl.rules[3]", null, "db*x", Duration.ofSeconds(2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ttl.rules[3].service:")
                .hasMessageContaining("'db*x'");
        assertThatThrownBy(() -> TtlRule.of("ttl.rules[0]", "Not An Env", "web", Duration.ofSeconds(2)))
                .hasMessageStartingWith("ttl.rules[0].env:");
        assertThatThrownBy(() -> TtlRule.of("ttl.rules[1]", null, "*", Duration.ofSeconds(2)))
                .hasMessageStartingWith("ttl.rules[1].service:")
                .hasMessageContaining("ttl.default");
        assertThatThrownBy(() -> TtlRule.of("ttl.rules[2]", null, "web", Duration.ofMillis(200)))
                .hasMessageStartingWith("ttl.rules[2].ttl:");
    }

    @Test
    void duplicateRulesAreRefused() {
        List<TtlRule> rules = List.of(new TtlRule("prod", "web", Duration.ofSeconds(2)),
                new TtlRule(null, "web", Duration.ofSeconds(3)), new TtlRule("prod", "WEB", Duration.ofSeconds(4)));
        assertThatThrownBy(() -> TtlConfig.defaults().withRules(rules))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ttl.rules[2]: duplicate rule for service 'web' in env 'prod'");
    }

    @Test
    void environmentNamesAndValuesAreChecked() {
        assertThatThrownBy(() -> TtlConfig.defaults().withEnvironments(Map.of("bad_env", EnvironmentTtl.NONE)))
                .hasMessageStartingWith("ttl.environments.bad_env:");
        assertThatThrownBy(() -> TtlConfig.defaults().withEnvironments(
                Map.of("prod", new EnvironmentTtl(null, Duration.ofMillis(10)))))
                .hasMessageStartingWith("ttl.environments.prod.negative:");
    }

    @Test
    void adaptiveNeedsAPositiveStep() {
        assertThatThrownBy(() -> TtlConfig.defaults().withAdaptive(Duration.ofSeconds(30), Duration.ZERO))
                .hasMessageStartingWith("ttl.step:");
        assertThat(TtlConfig.defaults().withAdaptive(Duration.ZERO, Duration.ZERO).adaptive()).isFalse();
    }

    @Test
    void negativeStalenessIsRefused() {
        assertThatThrownBy(() -> TtlConfig.defaults().withMaxStaleness(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("ttl.max_staleness:");
    }
}
