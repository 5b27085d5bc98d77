package io.herald.ttl;

import java.time.Duration;
import java.util.Optional;

/**
 * The adaptive TTL curve, a pure function of how long a service has been stable: {@code min} until
 * {@code stableAfter}, then doubling every {@code step} (starting from at least one second) until it reaches the
 * service's target.
 *
 * <pre>
 *   stable &lt; stableAfter                : min
 *   otherwise, k = 1 + (stable - stableAfter) / step : min(target, max(min, 1) * 2^k)
 * </pre>
 */
final class AdaptiveTtl {
    private AdaptiveTtl() {}

    static int at(int min, int target, Duration stable, Duration stableAfter, Duration step) {
        if (target <= min || stable.compareTo(stableAfter) < 0) {
            return Math.min(min, target);
        }
        long k = 1 + stable.minus(stableAfter).toMillis() / step.toMillis();
        long base = Math.max(min, 1);
        long ttl = k >= 31 ? Long.MAX_VALUE : base << k;
        return (int) Math.min(target, ttl);
    }

    /** How long after the start of stability the TTL next changes, or empty once it reached the target. */
    static Optional<Duration> nextStep(int min, int target, Duration stable, Duration stableAfter, Duration step) {
        if (at(min, target, stable, stableAfter, step) >= target) {
            return Optional.empty();
        }
        if (stable.compareTo(stableAfter) < 0) {
            return Optional.of(stableAfter);
        }
        long k = 1 + stable.minus(stableAfter).toMillis() / step.toMillis();
        return Optional.of(stableAfter.plus(step.multipliedBy(k)));
    }
}
