package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CidrTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "127.0.0.1, 127.0.0.1/32",
        "0.0.0.0/0, 0.0.0.0/0",
        "::1, ::1/128",
        "::1/128, ::1/128",
        "FD00::/8, fd00::/8",
        "2001:db8:0:0:1:0:0:0/80, 2001:db8:0:0:1::/80",
        "::ffff:10.0.0.0/104, 10.0.0.0/8",
        "[::]/0, ::/0"})
    void parsesAndPrintsCanonically(String text, String canonical) {
        assertThat(Cidr.parse(text).toString()).isEqualTo(canonical);
    }

    static Stream<Arguments> membership() {
        return Stream.of(
                Arguments.of("10.0.0.0/8", "10.255.1.2", true),
                Arguments.of("10.0.0.0/8", "11.0.0.0", false),
                Arguments.of("192.168.1.0/25", "192.168.1.127", true),
                Arguments.of("192.168.1.0/25", "192.168.1.128", false),
                Arguments.of("127.0.0.1", "127.0.0.1", true),
                Arguments.of("127.0.0.1", "127.0.0.2", false),
                Arguments.of("0.0.0.0/0", "203.0.113.9", true),
                Arguments.of("0.0.0.0/0", "::1", false),
                Arguments.of("fd00::/8", "fd12:3456::1", true),
                Arguments.of("fd00::/8", "fe80::1", false),
                Arguments.of("::1/128", "::1", true),
                Arguments.of("::1/128", "::2", false),
                Arguments.of("::/0", "127.0.0.1", false),
                Arguments.of("2001:db8::/32", "2001:db8:ffff::1", true),
                Arguments.of("2001:db8::/33", "2001:db8:8000::1", false));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @MethodSource("membership")
    void containsChecksPrefixBitsAndFamily(String cidr, String address, boolean expected) throws Exception {
        assertThat(Cidr.parse(cidr).contains(InetAddress.getByAddress(IpLiterals.parse(address).getAddress())))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33 | prefix length must be from 0 to 32",
        "::/129 | prefix length must be from 0 to 128",
        "10.0.0.0/ | must be a CIDR block such as 10.0.0.0/8 or fd00::/8 (prefix after '/')",
        "10.0.0.0/-1 | must be a CIDR block such as 10.0.0.0/8 or fd00::/8 (prefix after '/')",
        "10.0.0.1/24 | has address bits set past the /24 prefix; write the block's first address, e.g. 10.0.0.0/24",
        "fd00::1/8 | has address bits set past the /8 prefix; write the block's first address, e.g. fd00::/8",
        "intranet/8 | must be an IP address such as 127.0.0.1 or ::1 (host names are not looked up)"})
    void rejectsWithReasonAndKey(String text, String reason) {
        assertThatThrownBy(() -> Cidr.parse("http.allow", text))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.allow: " + reason + ", got '" + text + "'");
    }

    @Test
    void listFromSectionNamesKeyAndSource() {
        Section http = ConfigLoader.load(new String[] {"--http-allow", "10.0.0.0/8,fd00::/8"}, Map.of()).root().section("http");
        assertThat(Cidr.list(http, "allow", List.of(), "clients")).containsExactly(Cidr.parse("10.0.0.0/8"),
                Cidr.parse("fd00::/8"));
        Section bad = ConfigLoader.load(new String[0], Map.of("HERALD_HTTP_ALLOW", "10.0.0.0/8,lan")).root()
                .section("http");
        assertThatThrownBy(() -> bad.cidrs("allow", List.of(), "clients"))
                .hasMessage("http.allow: must be an IP address such as 127.0.0.1 or ::1 (host names are not looked"
                        + " up), got 'lan' (from environment HERALD_HTTP_ALLOW)");
        Section defaults = ConfigLoader.load(new String[0], Map.of()).root().section("http");
        assertThat(defaults.cidrs("allow", List.of("127.0.0.0/8", "::1"), "clients")).hasSize(2);
    }
}
