package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClusterConfig#from} through the real configuration loader. */
class ClusterConfigSectionTest {
    @TempDir
    Path dir;

    private LoadedConfig load(String yaml, String... flags) throws IOException {
        Path file = Files.writeString(dir.resolve("herald.yaml"), yaml);
        String[] args = new String[flags.length + 2];
        args[0] = "--config";
        args[1] = file.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        return ConfigLoader.load(args, Map.of());
    }

    @Test
    void readsTheSectionWithProfileDefaultsOverridesAndTheJoinFlag() throws IOException {
        LoadedConfig loaded = load("""
                cluster:
                  enabled: true
                  address: 10.1.2.3
                  profile: wan
                  probe_timeout: 1500ms
                  join: [10.1.2.4, "10.1.2.5:8000"]
                """, "--join", "10.9.9.9:7000,10.9.9.8");
        ClusterConfig c = ClusterConfig.from(loaded.root());
        loaded.checkAllConsumed();
        assertThat(c.enabled()).isTrue();
        assertThat(c.advertisedAddress()).isEqualTo("10.1.2.3");
        assertThat(c.port()).isEqualTo(7946);
        assertThat(c.profile()).isEqualTo(ClusterProfile.WAN);
        assertThat(c.timings().probeTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.timings().probeInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.join()).containsExactly(new Seed("10.9.9.9", 7000), new Seed("10.9.9.8", 7946));
    }

    @Test
    void defaultsWhenTheSectionIsAbsent() throws IOException {
        ClusterConfig c = ClusterConfig.from(load("{}\n").root());
        assertThat(c.enabled()).isFalse();
        assertThat(c.advertisedAddress()).isEqualTo("127.0.0.1");
        assertThat(c.join()).isEqualTo(List.of());
        assertThat(c.timings()).isEqualTo(ClusterProfile.LAN.timings());
    }

    @Test
    void aBadSeedNamesTheKeyAndTheValue() throws IOException {
        LoadedConfig loaded = load("cluster:\n  join: [\"fd00::1\"]\n");
        assertThatThrownBy(() -> ClusterConfig.from(loaded.root()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.join")
                .hasMessageContaining("[address]:port")
                .hasMessageContaining("fd00::1");
    }
}
