package io.herald.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.LoadedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TtlConfig#from} through Herald's real config loader. */
class TtlConfigFromSectionTest {
    @TempDir
    Path dir;

    private LoadedConfig load(String yaml, String... flags) throws Exception {
        Path file = dir.resolve("herald.yaml");
        Files.writeString(file, yaml);
        String[] args = new String[flags.length + 2];
        args[0] = "--config";
        args[1] = file.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        return ConfigLoader.load(args, Map.of());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        LoadedConfig loaded = load("""
                ttl:
                  default: 10s
                  min: 2s
                  max: 30s
                  negative: 7s
                  no_healthy: 2s
                  max_staleness: 2m
                  stable_after: 20s
                  step: 5s
                  environments:
                    prod:
                      default: 20s
                      negative: 15s
                    dev:
                      negative: 1s
                  rules:
                    - service: db-*
                      ttl: 3s
                    - env: prod
                      service: web
                      ttl: 4s
                """);
        TtlConfig c = TtlConfig.from(loaded.root());
        loaded.checkAllConsumed();
        assertThat(c).isEqualTo(new TtlConfig(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(7), Duration.ofSeconds(2),
                Map.of("prod", new EnvironmentTtl(Duration.ofSeconds(20), Duration.ofSeconds(15)),
                        "dev", new EnvironmentTtl(null, Duration.ofSeconds(1))),
                List.of(new TtlRule(null, "db-*", Duration.ofSeconds(3)), new TtlRule("prod", "web", Duration.ofSeconds(4))),
                Duration.ofMinutes(2), Duration.ofSeconds(20), Duration.ofSeconds(5)));
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws Exception {
        assertThat(TtlConfig.from(load("{}\n").root())).isEqualTo(TtlConfig.defaults());
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        TtlConfig c = TtlConfig.from(load("ttl:\n  max: 30s\n", "--ttl-max=45s").root());
        assertThat(c.max()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void errorsNameTheKeyInTheFile() throws Exception {
        assertThatThrownBy(() -> TtlConfig.from(load("""
                ttl:
                  rules:
                    - service: web
                      ttl: 2s
                    - service: "db*x"
                      ttl: 2s
                """).root()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ttl.rules[1].service:");
        assertThatThrownBy(() -> TtlConfig.from(load("ttl:\n  rules:\n    - service: web\n").root()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ttl.rules[0].ttl: is required");
        assertThatThrownBy(() -> TtlConfig.from(load("ttl:\n  min: 10s\n  max: 5s\n").root()))
                .hasMessageStartingWith("ttl.min:");
    }
}
