package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** File < environment < flag, and each layer named as the source of a bad value. */
class LayeringTest {
    @TempDir
    Path dir;

    static Stream<Arguments> layers() {
        // file value, env value, flag value, expected winner
        return Stream.of(
                Arguments.of(null, null, null, "default"),
                Arguments.of("file", null, null, "file"),
                Arguments.of(null, "env", null, "env"),
                Arguments.of(null, null, "flag", "flag"),
                Arguments.of("file", "env", null, "env"),
                Arguments.of("file", null, "flag", "flag"),
                Arguments.of(null, "env", "flag", "flag"),
                Arguments.of("file", "env", "flag", "flag"));
    }

    @ParameterizedTest(name = "file={0} env={1} flag={2} -> {3}")
    @MethodSource("layers")
    void laterLayersWin(String file, String env, String flag, String expected) {
        LoadedConfig cfg = load(file, env, flag);
        assertThat(cfg.root().section("dns").string("tcp_idle_timeout", "default", "doc")).isEqualTo(expected);
        cfg.checkAllConsumed(); // every layer that set the key counts as read
    }

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("bad", null, null, "(from config file %s line 2)"),
                Arguments.of("5s", "bad", null, "(from environment HERALD_DNS_TCP_IDLE_TIMEOUT)"),
                Arguments.of("5s", "5s", "bad", "(from flag --dns-tcp-idle-timeout)"));
    }

    @ParameterizedTest(name = "bad value from {3}")
    @MethodSource("sources")
    void errorsNameTheLayerTheValueCameFrom(String file, String env, String flag, String source) {
        Section dns = load(file, env, flag).root().section("dns");
        assertThatThrownBy(() -> dns.duration("tcp_idle_timeout", null, null, null, "doc"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("dns.tcp_idle_timeout: must be a duration such as 250ms, 5s, 2m or 1h (a bare number"
                        + " means seconds), got 'bad' " + source.formatted(Configs.file(dir)));
    }

    @Test
    void flagValueCanFollowAsNextArgumentAndRepeatedFlagsAccumulateIntoLists() {
        LoadedConfig cfg = Configs.load(dir, null, Map.of(),
                "--dns-port", "5353", "--cluster-join", "10.0.0.1:7946", "--join", "10.0.0.2:7946,10.0.0.3:7946");
        assertThat(cfg.root().section("dns").integer("port", 53, 0, 65535, "port")).isEqualTo(5353);
        assertThat(cfg.root().section("cluster").strings("join", java.util.List.of(), "seeds"))
                .containsExactly("10.0.0.1:7946", "10.0.0.2:7946", "10.0.0.3:7946");
        cfg.checkAllConsumed();
    }

    @Test
    void lastOccurrenceOfAScalarFlagWinsIncludingAliases() {
        LoadedConfig cfg = Configs.load(dir, null, Map.of(), "--dns-domain=first", "--domain", "second");
        assertThat(cfg.root().string("dns.domain", "service", "doc")).isEqualTo("second");
        cfg.checkAllConsumed();
    }

    @Test
    void environmentListsAreCommaSeparatedAndFileListsAreYamlSequences() {
        LoadedConfig fromFile = Configs.load(dir, "cluster:\n  join:\n    - a\n    - b\n", Map.of());
        assertThat(fromFile.root().section("cluster").strings("join", null, "seeds")).containsExactly("a", "b");
        LoadedConfig fromEnv = Configs.load(dir, "cluster:\n  join: [a, b]\n", Map.of("HERALD_CLUSTER_JOIN", " c , d ,"));
        assertThat(fromEnv.root().section("cluster").strings("join", null, "seeds")).containsExactly("c", "d");
    }

    @Test
    void demoIsAPlainRootBooleanFromFlagOrEnvironment() {
        assertThat(Configs.load(dir, null, Map.of(), "--demo").root().bool("demo", false, "demo")).isTrue();
        assertThat(Configs.load(dir, null, Map.of("HERALD_DEMO", "true")).root().bool("demo", false, "d")).isTrue();
        assertThat(Configs.load(dir, null, Map.of(), "--demo=false").root().bool("demo", true, "d")).isFalse();
        LoadedConfig bareThenFlag = Configs.load(dir, null, Map.of(), "--demo", "--dns-port=1");
        assertThat(bareThenFlag.root().bool("demo", false, "d")).isTrue();
        assertThat(bareThenFlag.root().section("dns").integer("port", 53, 0, 65535, "p")).isEqualTo(1);
    }

    private LoadedConfig load(String file, String env, String flag) {
        String yaml = file == null ? "dns:\n  port: 53\n" : "dns:\n  tcp_idle_timeout: " + file + "\n";
        Map<String, String> environment = new HashMap<>();
        if (env != null) {
            environment.put("HERALD_DNS_TCP_IDLE_TIMEOUT", env);
        }
        String[] flags = flag == null ? new String[0] : new String[] {"--dns-tcp-idle-timeout=" + flag};
        LoadedConfig cfg = Configs.load(dir, yaml, environment, flags);
        if (file == null) {
            cfg.root().section("dns").integer("port", 53, 0, 65535, "port");
        }
        return cfg;
    }
}
