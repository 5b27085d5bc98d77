package io.herald.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.LoadedConfig;
import io.herald.config.Section;
import io.herald.core.Health;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HealthConfig#from} and {@link CheckSpec#from(Section)} through Herald's real config loader. */
class HealthConfigFromSectionTest {
    @TempDir
    Path dir;

    private LoadedConfig load(String yaml) throws Exception {
        Path file = dir.resolve("herald.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(new String[] {"--config", file.toString()}, Map.of());
    }

    @Test
    void healthSection() throws Exception {
        LoadedConfig loaded = load("""
                health:
                  max_concurrency: 32
                  exec_threads: 4
                  output_limit: 1024
                  flap_window: 1m
                  flap_threshold: 3
                """);
        HealthConfig c = HealthConfig.from(loaded.root());
        loaded.checkAllConsumed();
        assertThat(c).isEqualTo(new HealthConfig(32, 4, 1024, Duration.ofMinutes(1), 3));
        assertThat(HealthConfig.from(load("{}\n").root())).isEqualTo(HealthConfig.defaults());
        assertThatThrownBy(() -> HealthConfig.from(load("health:\n  flap_threshold: 1\n").root()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("health.flap_threshold:");
    }

    @Test
    void checksOfAConfiguredService() throws Exception {
        LoadedConfig loaded = load("""
                services:
                  - checks:
                      - http: /health
                        interval: 2s
                        tls_skip_verify: false
                        fall: 2
                        deregister_after: 10m
                      - tcp: true
                        initial_status: passing
                      - args: [/usr/bin/pg_isready, -q]
                        timeout: 500ms
                      - ttl: 30s
                        id: web-heartbeat
                      - exec: "curl -sf http://{address}:{port}/ready"
                        rise: 1
                """);
        List<Section> sections = loaded.root().list("services", "services").get(0).list("checks", "checks");
        List<CheckSpec> specs = sections.stream().map(CheckSpec::from).toList();
        loaded.checkAllConsumed();
        assertThat(specs.get(0)).isEqualTo(new CheckSpec(null, new HttpTarget("http://{address}:{port}/health", false),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 2, 2, Health.CRITICAL, Duration.ofMinutes(10)));
        assertThat(specs.get(1).target()).isEqualTo(TcpTarget.self());
        assertThat(specs.get(1).initial()).isEqualTo(Health.PASSING);
        assertThat(specs.get(2).target()).isEqualTo(new ExecTarget(List.of("/usr/bin/pg_isready", "-q")));
        assertThat(specs.get(2).timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(specs.get(3)).isEqualTo(CheckSpec.ttl(Duration.ofSeconds(30)).withId("web-heartbeat"));
        assertThat(specs.get(4).target()).isEqualTo(ExecTarget.shell("curl -sf http://{address}:{port}/ready"));
        assertThat(specs.get(4).rise()).isEqualTo(1);
    }

    @Test
    void checkErrorsNameTheConfigKey() throws Exception {
        Section bad = load("""
                services:
                  - checks:
                      - http: /health
                        interval: 1s
                        timeout: 5s
                """).root().list("services", "services").get(0).list("checks", "checks").get(0);
        assertThatThrownBy(() -> CheckSpec.from(bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("services[0].checks[0].timeout: 5s is longer than interval 1s");
        Section none = load("""
                services:
                  - checks:
                      - interval: 1s
                """).root().list("services", "services").get(0).list("checks", "checks").get(0);
        assertThatThrownBy(() -> CheckSpec.from(none))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("services[0].checks[0].tcp: a check needs exactly one of");
        Section badUrl = load("""
                services:
                  - checks:
                      - http: "gopher://x/"
                """).root().list("services", "services").get(0).list("checks", "checks").get(0);
        assertThatThrownBy(() -> CheckSpec.from(badUrl))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("services[0].checks[0].http: must be an http:// or https:// URL");
    }
}
