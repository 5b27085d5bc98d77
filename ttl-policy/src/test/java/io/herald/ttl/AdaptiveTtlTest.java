package io.herald.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdaptiveTtlTest {
    private static final Duration AFTER = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(10);

    @ParameterizedTest(name = "min {0}, target {1}, stable {2}s -> {3}")
    @CsvSource({
            "1, 60, 0, 1",
            "1, 60, 29, 1",
            "1, 60, 30, 2",
            "1, 60, 39, 2",
            "1, 60, 40, 4",
            "1, 60, 50, 8",
            "1, 60, 60, 16",
            "1, 60, 70, 32",
            "1, 60, 80, 60",
            "1, 60, 100000, 60",
            "1, 5, 40, 4",
            "1, 5, 50, 5",
            "3, 20, 30, 6",
            "0, 5, 10, 0",
            "0, 5, 30, 2",
            "5, 5, 0, 5",
    })
    void curve(int min, int target, int stableSeconds, int expected) {
        assertThat(AdaptiveTtl.at(min, target, Duration.ofSeconds(stableSeconds), AFTER, STEP)).isEqualTo(expected);
    }

    @Test
    void nextStepIsTheNextBoundaryUntilTheTargetIsReached() {
        assertThat(AdaptiveTtl.nextStep(1, 8, Duration.ofSeconds(3), AFTER, STEP)).contains(Duration.ofSeconds(30));
        assertThat(AdaptiveTtl.nextStep(1, 8, Duration.ofSeconds(30), AFTER, STEP)).contains(Duration.ofSeconds(40));
        assertThat(AdaptiveTtl.nextStep(1, 8, Duration.ofSeconds(45), AFTER, STEP)).contains(Duration.ofSeconds(50));
        assertThat(AdaptiveTtl.nextStep(1, 8, Duration.ofSeconds(50), AFTER, STEP)).isEqualTo(Optional.empty());
        assertThat(AdaptiveTtl.nextStep(4, 4, Duration.ZERO, AFTER, STEP)).isEqualTo(Optional.empty());
    }

    @Test
    void theCurveNeverDecreasesAndNeverExceedsTheTarget() {
        for (int target = 1; target <= 120; target += 7) {
            int last = 0;
            for (int s = 0; s < 200; s++) {
                int ttl = AdaptiveTtl.at(1, target, Duration.ofSeconds(s), AFTER, STEP);
                assertThat(ttl).isBetween(last, target);
                last = ttl;
            }
            assertThat(last).isEqualTo(target);
        }
    }
}
