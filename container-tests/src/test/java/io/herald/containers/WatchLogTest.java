package io.herald.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the failover trials read watch.sh's rounds: the switch-over time counts only a steady survivor-only run. */
class WatchLogTest {
    private static final String BOTH = "198.19.5.21,198.19.5.22";
    private static final String SURVIVOR = "198.19.5.22";

    @Test
    void switchOverIsTheFirstRoundOfASteadySurvivorOnlyRun() {
        List<WatchLog.Round> rounds = rounds(
                "1000 " + BOTH + " 0 198.19.5.21 web-1",
                "1400 " + BOTH + " 28 - -",               // the dead app is still answered
                "1700 " + SURVIVOR + " 0 " + SURVIVOR + " web-2",
                "1900 " + BOTH + " 0 " + SURVIVOR + " web-2",  // one node still answered both: start again
                "2300 " + SURVIVOR + " 0 " + SURVIVOR + " web-2",
                "2800 " + SURVIVOR + " 0 " + SURVIVOR + " web-2",
                "3300 " + SURVIVOR + " 0 " + SURVIVOR + " web-2");
        assertThat(WatchLog.switchedOver(rounds, 1200, SURVIVOR)).contains(1100L);
    }

    @Test
    void notSwitchedOverUntilSteadyForASecond() {
        List<WatchLog.Round> rounds = rounds(
                "1000 " + BOTH + " 0 198.19.5.21 web-1",
                "1500 " + SURVIVOR + " 0 " + SURVIVOR + " web-2",
                "2000 " + SURVIVOR + " 0 " + SURVIVOR + " web-2");
        assertThat(WatchLog.switchedOver(rounds, 1200, SURVIVOR)).isEmpty();
    }

    @Test
    void roundsBeforeTheKillNeverCount() {
        List<WatchLog.Round> rounds = rounds(
                "1000 " + SURVIVOR + " 0 " + SURVIVOR + " web-2",
                "2500 " + SURVIVOR + " 0 " + SURVIVOR + " web-2",
                "3500 " + SURVIVOR + " 0 " + SURVIVOR + " web-2");
        assertThat(WatchLog.switchedOver(rounds, 2000, SURVIVOR)).contains(500L);
    }

    @Test
    void aFailedCurlIsNotReachingTheSurvivor() {
        List<WatchLog.Round> rounds = rounds(
                "1500 " + SURVIVOR + " 7 - -",
                "3000 " + SURVIVOR + " 7 - -");
        assertThat(WatchLog.switchedOver(rounds, 1000, SURVIVOR)).isEmpty();
    }

    @Test
    void readKeepsOnlyCompleteLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("client.log");
        Files.writeString(log, "1000 none 6 - -\n2000 " + SURVIVOR + " 0 " + SURVIVOR + " web-2\n3000 198.19");
        assertThat(WatchLog.read(log)).extracting(WatchLog.Round::at).containsExactly(1000L, 2000L);
        assertThat(WatchLog.read(dir.resolve("absent.log"))).isEmpty();
    }

    @Test
    void aMalformedLineIsAnErrorNamingIt() {
        assertThatThrownBy(() -> WatchLog.Round.parse("1000 " + BOTH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000 " + BOTH);
    }

    private static List<WatchLog.Round> rounds(String... lines) {
        return List.of(lines).stream().map(WatchLog.Round::parse).toList();
    }
}
