package io.herald.ttl;

import io.herald.config.ConfigException;
import java.time.Duration;

/**
 * The longest a client may keep using a dead instance is the TTL it cached plus the time Herald needs to notice
 * the death, so every answer's TTL must satisfy {@code ttl <= max_staleness - detection}. This computes that
 * ceiling and refuses budgets that not even {@code ttl.min} can meet.
 */
final class StalenessBudget {
    private StalenessBudget() {}

    /** Highest TTL in seconds any positive answer may carry under this config. */
    static int ceiling(TtlConfig config, DetectionTime detection) {
        int max = (int) config.max().toSeconds();
        if (config.maxStaleness().isZero()) {
            return max;
        }
        Duration room = config.maxStaleness().minus(detection.total());
        long min = config.min().toSeconds();
        if (room.isNegative() || room.toSeconds() < min) {
            Duration needed = detection.total().plus(config.min());
            throw new ConfigException("ttl.max_staleness", Durations.text(config.maxStaleness())
                    + " cannot be met: detecting a dead instance takes up to " + Durations.text(detection.total())
                    + " (" + detection.describe() + ") and answers carry at least ttl.min " + Durations.text(config.min())
                    + ", so max_staleness must be at least " + Durations.text(needed)
                    + "; raise it, lower ttl.min, or check more often / with a lower fall");
        }
        return (int) Math.min(max, room.toSeconds());
    }
}
