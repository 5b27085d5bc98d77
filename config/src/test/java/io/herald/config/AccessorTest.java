package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every accessor's parsing, and every error naming the full key, what is allowed, the value and its source. */
class AccessorTest {
    private static final String ENV = "HERALD_TEST_VALUE";

    @TempDir
    Path dir;

    private static Arguments ok(String accessor, Function<Section, Object> read, String input, Object expected) {
        return Arguments.of(accessor, read, input, expected);
    }

    private static final Function<Section, Object> INTEGER = s -> s.integer("value", 1, 0, 65535, "doc");
    private static final Function<Section, Object> LONG = s -> s.longValue("value", 1, 0, Long.MAX_VALUE, "doc");
    private static final Function<Section, Object> BOOL = s -> s.bool("value", false, "doc");
    private static final Function<Section, Object> DURATION =
            s -> s.duration("value", Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1), "doc");
    private static final Function<Section, Object> ADDRESS = s -> s.address("value", "0.0.0.0", "doc");
    private static final Function<Section, Object> STRINGS = s -> s.strings("value", List.of(), "doc");
    private static final Function<Section, Object> ONE_OF = s -> s.oneOf("value", "lan", List.of("lan", "wan", "local"), "doc");
    private static final Function<Section, Object> LABEL = s -> s.label("value", "x", "doc");
    private static final Function<Section, Object> CIDRS = s -> s.cidrs("value", List.of(), "doc");
    private static final Function<Section, Object> STRING = s -> s.string("value", "x", "doc");

    static Stream<Arguments> valid() throws Exception {
        return Stream.of(
                ok("integer", INTEGER, "53", 53),
                ok("integer", INTEGER, " 65535 ", 65535),
                ok("integer", INTEGER, "0", 0),
                ok("long", LONG, "10000000000", 10_000_000_000L),
                ok("bool", BOOL, "true", true),
                ok("bool", BOOL, "FALSE", false),
                ok("duration", DURATION, "250ms", Duration.ofMillis(250)),
                ok("duration", DURATION, "5s", Duration.ofSeconds(5)),
                ok("duration", DURATION, "2m", Duration.ofMinutes(2)),
                ok("duration", DURATION, "1h", Duration.ofHours(1)),
                ok("duration", DURATION, "30", Duration.ofSeconds(30)),
                ok("duration", DURATION, "0", Duration.ZERO),
                ok("address", ADDRESS, "127.0.0.1", InetAddress.getByAddress(new byte[] {127, 0, 0, 1})),
                ok("address", ADDRESS, "::1", InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})),
                ok("address", ADDRESS, "[::1]", InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})),
                ok("address", ADDRESS, "::ffff:10.0.0.1", InetAddress.getByAddress(new byte[] {10, 0, 0, 1})),
                ok("strings", STRINGS, "a, b,,c", List.of("a", "b", "c")),
                ok("strings", STRINGS, "", List.of()),
                ok("oneOf", ONE_OF, "WAN", "wan"),
                ok("label", LABEL, "Web-1", "web-1"),
                ok("cidrs", CIDRS, "10.0.0.0/8, ::1", List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1/128"))),
                ok("string", STRING, " kept as given ", " kept as given "));
    }

    @ParameterizedTest(name = "{0} reads ''{2}''")
    @MethodSource("valid")
    void parsesValidValues(String accessor, Function<Section, Object> read, String input, Object expected) {
        LoadedConfig cfg = ConfigLoader.load(new String[0], Map.of(ENV, input));
        assertThat(read.apply(cfg.root().section("test"))).isEqualTo(expected);
        cfg.checkAllConsumed();
    }

    static Stream<Arguments> invalid() {
        String ip = "must be an IP address such as 127.0.0.1 or ::1 (host names are not looked up)";
        String duration = "must be a duration such as 250ms, 5s, 2m or 1h (a bare number means seconds)";
        return Stream.of(
                ok("integer", INTEGER, "abc", "must be an integer from 0 to 65535"),
                ok("integer", INTEGER, "65536", "must be an integer from 0 to 65535"),
                ok("integer", INTEGER, "-1", "must be an integer from 0 to 65535"),
                ok("integer", INTEGER, "1.5", "must be an integer from 0 to 65535"),
                ok("integer", INTEGER, "\u0663", "must be an integer from 0 to 65535"),
                ok("long", LONG, "99999999999999999999", "must be an integer from 0 to " + Long.MAX_VALUE),
                ok("bool", BOOL, "yes", "must be true or false"),
                ok("duration", DURATION, "-5s", "must not be negative; use a duration such as 250ms, 5s, 2m or 1h"
                        + " (a bare number means seconds)"),
                ok("duration", DURATION, "5d", duration),
                ok("duration", DURATION, "1.5s", duration),
                ok("duration", DURATION, "soon", duration),
                ok("duration", DURATION, "", duration),
                ok("duration", DURATION, "2h", "must be from 0s to 1h"),
                ok("address", ADDRESS, "localhost", ip),
                ok("address", ADDRESS, "example.com", ip),
                ok("address", ADDRESS, "256.0.0.1", ip),
                ok("address", ADDRESS, "010.0.0.1", ip),
                ok("address", ADDRESS, "1.2.3", ip),
                ok("address", ADDRESS, "1:2:3:4:5:6:7:8:9", ip),
                ok("address", ADDRESS, "1::2::3", ip),
                ok("address", ADDRESS, "fe80::1%eth0", ip),
                ok("oneOf", ONE_OF, "metro", "must be one of lan, wan, local"),
                ok("label", LABEL, "web_1", "must be one DNS label (letters, digits and inner hyphens, 1-63 characters)"),
                ok("cidrs", CIDRS, "10.0.0.0/33", "prefix length must be from 0 to 32"),
                ok("cidrs", CIDRS, "10.1.0.0/8", "has address bits set past the /8 prefix; write the block's"
                        + " first address, e.g. 10.0.0.0/8"));
    }

    @ParameterizedTest(name = "{0} rejects ''{2}''")
    @MethodSource("invalid")
    void rejectsInvalidValuesNamingKeyValueAndSource(String accessor, Function<Section, Object> read, String input,
            String reason) {
        Section test = ConfigLoader.load(new String[0], Map.of(ENV, input)).root().section("test");
        String got = accessor.equals("cidrs") ? input.split(",")[0] : input;
        assertThatThrownBy(() -> read.apply(test))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.value: " + reason + ", got '" + got + "' (from environment " + ENV + ")")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("test.value");
    }

    @Test
    void absentKeysGiveDefaults() {
        Section s = ConfigLoader.load(new String[0], Map.of()).root().section("dns");
        assertThat(s.integer("port", 53, 0, 65535, "d")).isEqualTo(53);
        assertThat(s.duration("ttl", Duration.ofSeconds(5), null, null, "d")).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.address("bind", "::", "d")).isEqualTo(IpLiterals.parse("0:0:0:0:0:0:0:0"));
        assertThat(s.address("none", null, "d")).isNull();
        assertThat(s.strings("list", null, "d")).isEmpty();
        assertThat(s.list("services", "d")).isEmpty();
        assertThat(s.has("port")).isFalse();
    }

    @Test
    void requiredStringNamesKeyDocAndHowToSetIt() {
        Section s = ConfigLoader.load(new String[0], Map.of()).root().section("tls");
        assertThatThrownBy(() -> s.requiredString("cert", "PEM certificate file"))
                .hasMessage("tls.cert: is required (PEM certificate file); set it in the config file, as"
                        + " HERALD_TLS_CERT or as --tls-cert");
        Section blank = ConfigLoader.load(new String[] {"--tls-cert="}, Map.of()).root().section("tls");
        assertThatThrownBy(() -> blank.requiredString("cert", "PEM certificate file"))
                .hasMessage("tls.cert: must not be empty (PEM certificate file), got '' (from flag --tls-cert)");
    }

    @Test
    void bareFlagWhereAValueIsNeededSaysHowToGiveOne() {
        Section dns = ConfigLoader.load(new String[] {"--dns-port"}, Map.of()).root().section("dns");
        assertThatThrownBy(() -> dns.integer("port", 53, 0, 65535, "port"))
                .hasMessage("dns.port: needs a value, e.g. --dns-port=VALUE (from flag --dns-port)");
    }

    @Test
    void fileValuesCarryTheirLine() {
        LoadedConfig cfg = Configs.load(dir, "# comment\ndns:\n  port: 53\n  ttl: 5x\nhealth:\n  probes: [1, {a: b}]\n",
                Map.of());
        String file = Configs.file(dir);
        Section dns = cfg.root().section("dns");
        assertThat(dns.integer("port", 1, 0, 65535, "p")).isEqualTo(53);
        assertThatThrownBy(() -> dns.duration("ttl", null, null, null, "t"))
                .hasMessageEndingWith("got '5x' (from config file " + file + " line 4)");
        assertThatThrownBy(() -> cfg.root().section("health").strings("probes", null, "p"))
                .hasMessage("health.probes[1]: must be a single value, got a map (from config file " + file + " line 6)");
    }

    @Test
    void shapeMismatchesInTheFileAreErrors() {
        LoadedConfig cfg = Configs.load(dir, "dns: 5\nhttp:\n  port: {a: 1}\nservices: web\n", Map.of());
        String file = Configs.file(dir);
        assertThatThrownBy(() -> cfg.root().section("dns"))
                .hasMessage("dns: must be a map of keys (indented 'name: value' lines), got '5' (from config file "
                        + file + " line 1)");
        assertThatThrownBy(() -> cfg.root().section("http").integer("port", 80, 0, 65535, "p"))
                .hasMessage("http.port: must be a single value, got a map (from config file " + file + " line 3)");
        assertThatThrownBy(() -> cfg.root().list("services", "s"))
                .hasMessage("services: must be a list of maps (lines starting '- name: value'), got 'web' (from"
                        + " config file " + file + " line 4)");
    }

    @Test
    void listOfMapsGivesSectionsWithIndexedPathsReadOnlyFromTheFile() {
        String yaml = """
                services:
                  - name: web
                    port: 80
                  - name: api
                    port: abc
                """;
        LoadedConfig cfg = Configs.load(dir, yaml, Map.of("HERALD_SERVICES_0_NAME", "ignored"));
        List<Section> services = cfg.root().list("services", "static services");
        assertThat(services).extracting(Section::path).containsExactly("services[0]", "services[1]");
        assertThat(services.get(0).requiredString("name", "n")).isEqualTo("web");
        assertThat(services.get(0).integer("port", 1, 1, 65535, "p")).isEqualTo(80);
        assertThatThrownBy(() -> services.get(1).integer("port", 1, 1, 65535, "p"))
                .hasMessage("services[1].port: must be an integer from 1 to 65535, got 'abc' (from config file "
                        + Configs.file(dir) + " line 5)");
        assertThat(services.get(0).keys()).containsExactly("name", "port");

        LoadedConfig flagged = ConfigLoader.load(new String[] {"--services=web"}, Map.of());
        assertThatThrownBy(() -> flagged.root().list("services", "s"))
                .hasMessage("services: is a list of maps and can only be set in the config file, got 'web' (from"
                        + " flag --services)");
    }

    @Test
    void keysComeInFileOrderThenFromEnvironmentAndFlags() {
        String yaml = "naming:\n  environments:\n    zeta: [a]\n    alpha: [b]\n";
        LoadedConfig cfg = Configs.load(dir, yaml, Map.of("HERALD_NAMING_ENVIRONMENTS_STAGING_EU", "c"),
                "--naming-environments-dev=d", "--naming-environments-alpha=e");
        Section envs = cfg.root().section("naming").section("environments");
        assertThat(envs.keys()).containsExactly("zeta", "alpha", "dev", "staging-eu");
        assertThat(envs.strings("alpha", null, "x")).containsExactly("e");
        assertThat(envs.strings("staging-eu", null, "x")).containsExactly("c");
        assertThat(envs.has("dev")).isTrue();
        assertThat(envs.has("prod")).isFalse();
    }

    @Test
    void dottedKeysReachIntoNestedSections() {
        LoadedConfig cfg = Configs.load(dir, "dns:\n  tls:\n    port: 853\n", Map.of());
        assertThat(cfg.root().integer("dns.tls.port", 1, 0, 65535, "p")).isEqualTo(853);
        assertThat(cfg.root().section("dns.tls").path()).isEqualTo("dns.tls");
        assertThat(cfg.root().has("dns.tls.port")).isTrue();
        cfg.checkAllConsumed();
    }

    @Test
    void errorHelperPrefixesTheSectionPath() {
        Section dns = ConfigLoader.load(new String[0], Map.of()).root().section("dns");
        assertThat(dns.error("port", "clashes with http.port").getMessage()).isEqualTo("dns.port: clashes with http.port");
    }
}
