package io.herald.ttl;

import java.time.Duration;

/** Duration helpers shared by the policy and its config. */
final class Durations {
    private Durations() {}

    /** Compact human form used in error messages: "1500ms", "30s", "2m", "1h". */
    static String text(Duration d) {
        return io.herald.config.Durations.format(d);
    }

    /** A DNS TTL in whole seconds; sub-second values cannot be expressed on the wire, so they are refused. */
    static int seconds(String key, Duration d) {
        if (d.isNegative()) {
            throw new io.herald.config.ConfigException(key, "must not be negative, got " + text(d));
        }
        if (d.toMillis() % 1000 != 0) {
            throw new io.herald.config.ConfigException(key,
                    "DNS TTLs are whole seconds, got " + text(d) + "; use e.g. " + Math.max(1, d.toSeconds()) + "s");
        }
        if (d.toSeconds() > TtlConfig.MAX_TTL.toSeconds()) {
            throw new io.herald.config.ConfigException(key,
                    "must be at most " + text(TtlConfig.MAX_TTL) + ", got " + text(d));
        }
        return (int) d.toSeconds();
    }
}
