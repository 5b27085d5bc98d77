package io.herald.ttl;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;

/** A clock that reads a scheduler's time, so a VirtualTimeScheduler drives both timers and "now". */
final class SchedulerClock extends Clock {
    private final Scheduler scheduler;

    SchedulerClock(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
    }
}
