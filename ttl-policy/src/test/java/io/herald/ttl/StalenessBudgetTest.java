package io.herald.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StalenessBudgetTest {
    // 10s × 3 + 2s = 32s of health detection, plus 5s of membership detection: 37s.
    private static final DetectionTime DETECTION = new DetectionTime(Duration.ofSeconds(10), 3, Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    @Test
    void ceilingIsBudgetMinusDetection() {
        TtlConfig c = TtlConfig.defaults().withMaxStaleness(Duration.ofSeconds(45))
                .withAdaptive(Duration.ZERO, Duration.ZERO)
                .withRules(List.of(new TtlRule(null, "web", Duration.ofSeconds(30))));
        RuleBasedTtlPolicy p = RuleBasedTtlPolicy.create(c, DETECTION);
        assertThat(p.ceiling()).isEqualTo(8);
        assertThat(p.answerTtl("prod", "web")).isEqualTo(8);
        assertThat(p.answerTtl("prod", "api")).isEqualTo(5);
        assertThat(p.answerTtl("prod", "web") + DETECTION.total().toSeconds()).isLessThanOrEqualTo(45);
    }

    @Test
    void budgetLooserThanMaxLeavesMaxInCharge() {
        TtlConfig c = TtlConfig.defaults().withMaxStaleness(Duration.ofMinutes(10));
        assertThat(RuleBasedTtlPolicy.create(c, DETECTION).ceiling()).isEqualTo(60);
    }

    @Test
    void unreachableBudgetIsRefusedWithTheArithmetic() {
        TtlConfig c = TtlConfig.defaults().withMaxStaleness(Duration.ofSeconds(30));
        assertThatThrownBy(() -> RuleBasedTtlPolicy.create(c, DETECTION))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("ttl.max_staleness"))
                .hasMessageContaining("30s cannot be met")
                .hasMessageContaining("up to 37s")
                .hasMessageContaining("check interval 10s × fall 3 + timeout 2s = 32s")
                .hasMessageContaining("membership detection 5s")
                .hasMessageContaining("ttl.min 1s")
                .hasMessageContaining("at least 38s");
    }

    @Test
    void budgetExactlyMetByMinIsAccepted() {
        TtlConfig c = TtlConfig.defaults().withMaxStaleness(Duration.ofSeconds(38));
        RuleBasedTtlPolicy p = RuleBasedTtlPolicy.create(c, DETECTION);
        assertThat(p.ceiling()).isEqualTo(1);
    }

    @Test
    void noBudgetMeansOnlyTheRangeApplies() {
        RuleBasedTtlPolicy p = RuleBasedTtlPolicy.create(TtlConfig.defaults(), DETECTION);
        assertThat(p.ceiling()).isEqualTo(60);
    }
}
