package io.herald.health;

import static io.herald.core.Health.CRITICAL;
import static io.herald.core.Health.PASSING;
import static io.herald.core.Health.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The rise/fall and flap-damping state machine as a pure function of results and times. */
class CheckStateTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Health h(char c) {
        return switch (c) {
            case 'P' -> PASSING;
            case 'W' -> WARNING;
            default -> CRITICAL;
        };
    }

    /** Feeds one result per second and returns the reported status after each. */
    private static String run(CheckState s, String results) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < results.length(); i++) {
            s.probe(h(results.charAt(i)), T0.plusSeconds(i));
            out.append(s.reported().name().charAt(0));
        }
        return out.toString();
    }

    @ParameterizedTest(name = "initial {0}, rise {1}, fall {2}: {3} -> {4}")
    @CsvSource({
            // Rise and fall apply from the initial status on.
            "C, 2, 3, PP, CP",
            "P, 2, 3, CCC, PPC",
            // Degrading needs `fall` consecutive worse results; improving needs `rise` better ones.
            "C, 2, 3, PPCCC, CPPPC",
            "C, 2, 3, PPCCPCCC, CPPPPPPC",
            "C, 2, 3, PPCCCPP, CPPPCCP",
            "C, 1, 1, PCPC, PCPC",
            "C, 3, 2, PPPCCPPP, CCPPCCCP",
            // A warning is worse than passing and better than critical; mixed worse results still count.
            "C, 2, 3, PPWWW, CPPPW",
            "C, 2, 3, PPWCW, CPPPW",
            "C, 2, 3, WW, CW",
            "C, 2, 3, WP, CP",
    })
    void riseAndFall(char initial, int rise, int fall, String results, String reported) {
        CheckState s = new CheckState(h(initial), rise, fall, Duration.ofMinutes(2), 0, T0);
        assertThat(run(s, results)).isEqualTo(reported);
    }

    @Test
    void reportsSkipRiseAndFall() {
        CheckState s = new CheckState(CRITICAL, 5, 5, Duration.ofMinutes(2), 0, T0);
        s.report(PASSING, T0);
        assertThat(s.reported()).isEqualTo(PASSING);
        s.report(WARNING, T0.plusSeconds(1));
        assertThat(s.reported()).isEqualTo(WARNING);
        assertThat(s.reportedSince()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void flappingHoldsTheWorseStateUntilAQuietWindow() {
        Duration window = Duration.ofSeconds(60);
        CheckState s = new CheckState(CRITICAL, 1, 1, window, 4, T0);
        List<Boolean> started = new ArrayList<>();
        // Leaving the initial status is not a flap; the changes at 10s, 20s and 30s are: not yet flapping.
        started.add(s.probe(PASSING, T0).startedFlapping());
        started.add(s.probe(CRITICAL, T0.plusSeconds(10)).startedFlapping());
        started.add(s.probe(PASSING, T0.plusSeconds(20)).startedFlapping());
        started.add(s.probe(CRITICAL, T0.plusSeconds(30)).startedFlapping());
        assertThat(s.damped()).isFalse();
        // The fourth change within 60s starts damping: passing is reported as critical.
        CheckState.Transition t = s.probe(PASSING, T0.plusSeconds(40));
        started.add(t.startedFlapping());
        assertThat(started).containsExactly(false, false, false, false, true);
        assertThat(s.damped()).isTrue();
        assertThat(s.underlying()).isEqualTo(PASSING);
        assertThat(s.reported()).isEqualTo(CRITICAL);
        assertThat(s.dampReason()).isEqualTo("flapping: 4 state changes within 1m; held at critical until unchanged for 1m");
        // Passing, but not for a whole window yet.
        s.probe(PASSING, T0.plusSeconds(99));
        assertThat(s.reported()).isEqualTo(CRITICAL);
        // A full quiet window since the last change (40s) releases the check.
        s.probe(PASSING, T0.plusSeconds(100));
        assertThat(s.damped()).isFalse();
        assertThat(s.reported()).isEqualTo(PASSING);
        assertThat(s.dampReason()).isEmpty();
    }

    @Test
    void changesSpreadWiderThanTheWindowAreNotFlapping() {
        CheckState s = new CheckState(CRITICAL, 1, 1, Duration.ofSeconds(60), 3, T0);
        s.probe(PASSING, T0);
        for (int i = 1; i <= 20; i++) {
            s.probe(i % 2 == 1 ? CRITICAL : PASSING, T0.plusSeconds(31L * i));
            assertThat(s.damped()).as("change %d", i).isFalse();
        }
    }

    @Test
    void aDampedCheckKeepsTheWorstStateItFlappedThrough() {
        CheckState s = new CheckState(PASSING, 1, 1, Duration.ofSeconds(60), 2, T0);
        s.probe(PASSING, T0);
        s.probe(WARNING, T0.plusSeconds(1));
        s.probe(PASSING, T0.plusSeconds(2));
        assertThat(s.reported()).isEqualTo(WARNING);
        s.probe(CRITICAL, T0.plusSeconds(3));
        s.probe(PASSING, T0.plusSeconds(4));
        assertThat(s.reported()).isEqualTo(CRITICAL);
    }
}
