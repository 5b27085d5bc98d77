package io.herald.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: "250ms", "5s", "2m", "1h", or a bare integer of seconds. */
public final class Durations {
    static final String FORMS = "such as 250ms, 5s, 2m or 1h (a bare number means seconds)";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h)?");

    private Durations() {}

    /** Parses a duration; the exception message says what is wrong and what is allowed. */
    static Duration parse(String text) {
        String t = text.trim();
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("must not be negative; use a duration " + FORMS);
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a duration " + FORMS);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        try {
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too large; use a duration " + FORMS);
        }
    }

    /** The shortest exact form in the units {@link #parse} reads, e.g. "90s", "2m", "250ms". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
