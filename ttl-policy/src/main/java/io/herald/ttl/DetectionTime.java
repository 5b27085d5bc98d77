package io.herald.ttl;

import java.time.Duration;
import java.util.Objects;

/**
 * How long Herald may take to notice that an instance died, as the staleness budget counts it: a health check
 * that starts failing right after a pass needs {@code interval × fall + timeout} to go critical, and a node that
 * dies needs {@code membership} until its peers stop serving its instances.
 */
public record DetectionTime(Duration checkInterval, int fall, Duration checkTimeout, Duration membership) {

    public static final DetectionTime NONE = new DetectionTime(Duration.ZERO, 0, Duration.ZERO, Duration.ZERO);

    public DetectionTime {
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        Objects.requireNonNull(membership, "membership");
        if (checkInterval.isNegative() || checkTimeout.isNegative() || membership.isNegative() || fall < 0) {
            throw new IllegalArgumentException("detection times must not be negative: " + checkInterval + ", "
                    + fall + ", " + checkTimeout + ", " + membership);
        }
    }

    /** Worst-case time for a health check to turn critical. */
    public Duration health() {
        return checkInterval.multipliedBy(fall).plus(checkTimeout);
    }

    /** Worst-case time from an instance dying to Herald no longer serving it. */
    public Duration total() {
        return health().plus(membership);
    }

    /** The arithmetic, for error messages. */
    public String describe() {
        return "check interval " + Durations.text(checkInterval) + " × fall " + fall + " + timeout "
                + Durations.text(checkTimeout) + " = " + Durations.text(health()) + ", plus membership detection "
                + Durations.text(membership);
    }
}
