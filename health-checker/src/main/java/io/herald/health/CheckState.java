package io.herald.health;

import io.herald.core.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The status of one check as a pure state machine of its results and their times (no clocks, no threads; the
 * owner synchronises). Two layers:
 * <ol>
 *   <li>{@code rise} consecutive results better than the current status are needed to improve it and {@code fall}
 *       consecutive worse ones to degrade it, starting from the initial status (so a new check with the default
 *       initial status critical passes after {@code rise} successes); direct reports such as heartbeats apply as
 *       they are;</li>
 *   <li>flap damping: {@code threshold} changes within {@code window} hold the check at the worse of the states it
 *       flaps between, until its underlying status has stayed unchanged for a whole window. Leaving the initial
 *       status is not counted as a change.</li>
 * </ol>
 */
final class CheckState {
    private final int rise;
    private final int fall;
    private final Duration window;
    private final int threshold;
    private final ArrayDeque<Instant> changes = new ArrayDeque<>();
    /** The status has been confirmed or changed by a result: later changes count for flap damping. */
    private boolean settled;
    private int better;
    private int worse;
    private Health underlying;
    private Health reported;
    private Instant underlyingSince;
    private Instant reportedSince;
    private boolean damped;
    private Health held;
    private String dampReason = "";

    /** What one input did. */
    record Transition(Health before, Health after, boolean startedFlapping) {
        boolean changed() {
            return before != after;
        }
    }

    CheckState(Health initial, int rise, int fall, Duration window, int threshold, Instant now) {
        this.rise = rise;
        this.fall = fall;
        this.window = window;
        this.threshold = threshold;
        this.underlying = initial;
        this.reported = initial;
        this.underlyingSince = now;
        this.reportedSince = now;
    }

    /** A probe result, smoothed by rise and fall. */
    Transition probe(Health raw, Instant now) {
        Health next = underlying;
        if (raw == underlying) {
            better = 0;
            worse = 0;
        } else if (raw.ordinal() < underlying.ordinal()) {
            worse = 0;
            if (++better >= rise) {
                next = raw;
            }
        } else {
            better = 0;
            if (++worse >= fall) {
                next = raw;
            }
        }
        return settle(raw, next, now);
    }

    /** A report that is authoritative as it is (heartbeat, TTL expiry). */
    Transition report(Health raw, Instant now) {
        return settle(raw, raw, now);
    }

    private Transition settle(Health raw, Health next, Instant now) {
        Health before = reported;
        boolean startedFlapping = false;
        if (next != underlying) {
            better = 0;
            worse = 0;
            if (settled) {
                changes.addLast(now);
            }
            settled = true;
            underlying = next;
            underlyingSince = now;
            while (!changes.isEmpty() && Duration.between(changes.peekFirst(), now).compareTo(window) > 0) {
                changes.removeFirst();
            }
            if (threshold > 0 && !damped && changes.size() >= threshold) {
                damped = true;
                held = before.worse(next);
                startedFlapping = true;
                dampReason = "flapping: " + changes.size() + " state changes within " + DurationText.text(window)
                        + "; held at " + held.wireName() + " until unchanged for " + DurationText.text(window);
            }
        }
        if (raw == underlying) {
            // A result confirming the status also ends the initial phase.
            settled = true;
        }
        if (damped) {
            held = held.worse(underlying);
            if (Duration.between(underlyingSince, now).compareTo(window) >= 0) {
                damped = false;
                held = null;
                dampReason = "";
                changes.clear();
            }
        }
        reported = damped ? held : underlying;
        if (reported != before) {
            reportedSince = now;
        }
        return new Transition(before, reported, startedFlapping);
    }

    /** The status the check reports (what counts for the instance). */
    Health reported() {
        return reported;
    }

    /** The status before flap damping. */
    Health underlying() {
        return underlying;
    }

    Instant reportedSince() {
        return reportedSince;
    }

    boolean damped() {
        return damped;
    }

    String dampReason() {
        return dampReason;
    }
}
