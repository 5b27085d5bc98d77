package io.herald.health;

import io.herald.core.Health;

/** The raw outcome of one probe, before rise/fall and flap damping. */
public record CheckResult(Health status, String output) {

    public static CheckResult passing(String output) {
        return new CheckResult(Health.PASSING, output);
    }

    public static CheckResult warning(String output) {
        return new CheckResult(Health.WARNING, output);
    }

    public static CheckResult critical(String output) {
        return new CheckResult(Health.CRITICAL, output);
    }

    /** Output cut to {@code limit} characters, marking the cut. */
    static String cap(String text, int limit) {
        if (text == null) {
            return "";
        }
        return text.length() <= limit ? text : text.substring(0, limit) + "... (truncated)";
    }
}
