package io.herald.health;

import io.herald.core.Health;
import io.herald.core.InstanceKey;
import java.time.Instant;
import java.util.function.Supplier;
import reactor.core.Disposable;

/** One running check: its spec, resolved target, state and timers. All mutation happens under its monitor. */
final class WatchedCheck {
    final String id;
    final InstanceKey instance;
    final CheckSpec spec;
    final CheckTarget target;
    private final CheckState state;
    private String output = "";
    private Instant lastRun;
    private volatile boolean active = true;
    /** When the current (or next) run was due, in clock millis; read by the pipeline to measure lag. */
    volatile long dueAt;
    private Disposable runTimer;
    private Disposable ttlTimer;
    private long ttlGeneration;
    private Disposable deregisterTimer;

    WatchedCheck(String id, InstanceKey instance, CheckSpec spec, CheckTarget target, CheckState state) {
        this.id = id;
        this.instance = instance;
        this.spec = spec;
        this.target = target;
        this.state = state;
    }

    boolean active() {
        return active;
    }

    synchronized CheckState.Transition probe(CheckResult result, Instant now) {
        output = result.output();
        lastRun = now;
        return state.probe(result.status(), now);
    }

    synchronized CheckState.Transition report(Health status, String note, Instant now) {
        output = note;
        lastRun = now;
        return state.report(status, now);
    }

    /** Applies a TTL expiry unless a heartbeat re-armed the timer meanwhile. */
    synchronized CheckState.Transition expire(long generation, String note, Instant now) {
        if (!active || generation != ttlGeneration) {
            return null;
        }
        output = note;
        return state.report(Health.CRITICAL, now);
    }

    synchronized Health reported() {
        return state.reported();
    }

    synchronized Instant reportedSince() {
        return state.reportedSince();
    }

    synchronized void setRunTimer(Disposable timer) {
        runTimer = replace(runTimer, active ? timer : null);
        if (!active) {
            timer.dispose();
        }
    }

    /** Re-arms the TTL timer; the supplier gets the new generation so a stale timer can tell it is stale. */
    synchronized void setTtlTimer(java.util.function.LongFunction<Disposable> arm) {
        ttlGeneration++;
        ttlTimer = replace(ttlTimer, active ? arm.apply(ttlGeneration) : null);
    }

    /** Arms the deregistration timer while the check reports critical and cancels it otherwise. */
    synchronized void syncDeregisterTimer(Supplier<Disposable> arm) {
        boolean wanted = active && !spec.deregisterAfter().isZero() && state.reported() == Health.CRITICAL;
        if (!wanted) {
            deregisterTimer = replace(deregisterTimer, null);
        } else if (deregisterTimer == null || deregisterTimer.isDisposed()) {
            deregisterTimer = arm.get();
        }
    }

    synchronized void stop() {
        active = false;
        runTimer = replace(runTimer, null);
        ttlTimer = replace(ttlTimer, null);
        deregisterTimer = replace(deregisterTimer, null);
    }

    synchronized CheckStatus status() {
        return new CheckStatus(id, instance, spec.kind(), target.describe(), state.reported(), state.underlying(),
                state.damped(), state.dampReason(), output, lastRun, state.reportedSince());
    }

    private static Disposable replace(Disposable old, Disposable next) {
        if (old != null && old != next) {
            old.dispose();
        }
        return next;
    }
}
