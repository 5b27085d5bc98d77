package io.herald.health;

import io.herald.core.InvalidFieldException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as written in check definitions: "250ms", "2s", "1m30s", "1h", or a bare number of seconds. */
final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {}

    static Duration parse(String field, Object value) {
        if (value instanceof Number n) {
            if (n.doubleValue() < 0) {
                throw new InvalidFieldException(field, "must not be negative, got " + n);
            }
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        String text = String.valueOf(value).trim();
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw new InvalidFieldException(field, "must be a duration such as 250ms, 2s, 1m30s or 1h, got '" + text + "'");
        }
        return total;
    }

    static String text(Duration d) {
        return io.herald.config.Durations.format(d);
    }
}
