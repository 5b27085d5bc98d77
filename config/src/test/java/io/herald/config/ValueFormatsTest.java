package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Duration and address text round trips, and the typo suggestion distance. */
class ValueFormatsTest {

    @ParameterizedTest
    @CsvSource({"250ms, 250ms", "1000ms, 1s", "90s, 90s", "120, 2m", "60m, 1h", "0ms, 0s", "1500ms, 1500ms"})
    void durationsFormatInTheShortestExactUnit(String in, String out) {
        assertThat(Durations.format(Durations.parse(in))).isEqualTo(out);
    }

    @Test
    void hugeDurationsAreRejectedNotOverflowed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Durations.parse("999999999999999999h"))
                .hasMessageStartingWith("is too large");
        assertThat(Durations.parse("999999999ms")).isEqualTo(Duration.ofMillis(999_999_999));
    }

    @ParameterizedTest
    @CsvSource({
        "::, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fe80::1:2:3:4:5:6, fe80:0:1:2:3:4:5:6",
        "1::, 1::",
        "::ffff:192.0.2.1, 192.0.2.1",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
        "192.0.2.1, 192.0.2.1"})
    void addressesParseWithoutLookupAndFormatShort(String in, String out) {
        assertThat(IpLiterals.format(IpLiterals.parse(in))).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource({"prot, port, 1", "port, port, 0", "domian, domain, 1", "dns, dsn, 1", "kitten, sitting, 3"})
    void editDistanceCountsSwapsAsOne(String a, String b, int d) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(d);
    }
}
