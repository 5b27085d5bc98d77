package io.herald.health;

import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.InvalidFieldException;
import io.herald.core.ServiceInstance;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Health-checks the instances this node owns and writes their health into the {@link CatalogStore}.
 *
 * <p>One pipeline per node: each check's timer puts it on a queue when due; the queue is drained by a
 * {@code flatMap} limited to {@code health.max_concurrency}, so thousands of instances never open thousands of
 * sockets at once. A check is re-armed only after its run completed, so it is never queued twice and never runs
 * concurrently with itself; every probe ends by its timeout, so a hanging target only delays its own check.
 * First runs are spread randomly over one interval so checks do not fire in lockstep. Results are handled on the
 * checker's scheduler, never on a network event loop.
 *
 * <p>TTL checks are not probed: the instance reports through {@link #heartbeat}, and a timer turns the check
 * critical when no report arrives within its TTL. An instance's health is the worst of its checks.
 */
public final class HealthChecker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final HealthConfig config;
    private final CatalogStore store;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Scheduler execScheduler;
    private final Probes probes;
    private final HealthMetrics metrics;
    private final Map<InstanceKey, WatchedInstance> instances = new ConcurrentHashMap<>();
    private final Map<String, WatchedCheck> checks = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightPeak = new AtomicInteger();
    private final Object registry = new Object();
    private final HealthWriter writer;
    private FluxSink<WatchedCheck> due;
    private final Disposable pipeline;

    /** A run's raw result with its timing. */
    private record Outcome(WatchedCheck check, CheckResult result, long startedAt, long finishedAt) {}

    private HealthChecker(HealthConfig config, CatalogStore store, Clock clock, Scheduler scheduler, MeterRegistry meters) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.execScheduler = Schedulers.newBoundedElastic(config.execThreads(), 100_000, "herald-exec", 60, true);
        this.probes = new Probes(config, execScheduler);
        this.writer = new HealthWriter(store, scheduler);
        this.metrics = new HealthMetrics(meters, instances::values, inFlight::get, () -> probes.sockets().open());
        this.pipeline = Flux.<WatchedCheck>create(sink -> due = sink, FluxSink.OverflowStrategy.BUFFER)
                .flatMap(this::run, config.maxConcurrency(), 1)
                .publishOn(scheduler)
                .subscribe(this::record, e -> log.error("health check pipeline stopped", e));
    }

    /**
     * Builds a checker.
     *
     * @param clock     "now" for check states and lag; must agree with {@code scheduler}
     * @param scheduler runs check timers and result handling (a VirtualTimeScheduler in tests; the probes' own
     *                  timeouts always run in real time because their I/O does)
     */
    public static HealthChecker create(HealthConfig config, CatalogStore store, Clock clock, Scheduler scheduler,
                                       MeterRegistry meters) {
        return new HealthChecker(config, store, clock, scheduler, meters);
    }

    public static HealthChecker create(HealthConfig config, CatalogStore store, MeterRegistry meters) {
        return create(config, store, Clock.systemUTC(), Schedulers.parallel(), meters);
    }

    /**
     * Starts (or replaces) the checks of a registered local instance and returns their ids. Checks without an id
     * are named {@code {env}.{service}.{id}}, or {@code {env}.{service}.{id}.{n}} (n from 1) when there are several.
     * Re-watching with equal specs and an unchanged address and port keeps the running checks; an empty list stops
     * checking, and an instance whose checks were removed that way is marked passing. Errors name the field, e.g.
     * "checks[1].id: 'db' is already used by instance prod/db/db-1".
     */
    public List<String> watch(InstanceKey key, List<CheckSpec> specs) {
        List<String> ids = start(key, specs);
        // Once watch returns, the store shows the initial status (an unchecked instance is not served as passing).
        writer.flush();
        return ids;
    }

    /**
     * {@link #watch} for many instances at once (start-up, a node's config), writing all their initial statuses
     * in one catalogue snapshot. Stops at the first invalid entry; those before it are watched.
     */
    public Map<InstanceKey, List<String>> watchAll(Map<InstanceKey, List<CheckSpec>> specs) {
        Map<InstanceKey, List<String>> out = new LinkedHashMap<>();
        try {
            specs.forEach((key, list) -> out.put(key, start(key, list)));
        } finally {
            writer.flush();
        }
        return out;
    }

    private List<String> start(InstanceKey key, List<CheckSpec> specs) {
        synchronized (registry) {
            ServiceInstance instance = store.local(key).orElseThrow(() -> new InvalidFieldException("instance",
                    key + " is not registered on this node; register it before watching its checks"));
            WatchedInstance existing = instances.get(key);
            String where = instance.address().getHostAddress() + ":" + instance.port();
            if (existing != null && existing.specs.equals(specs) && existing.where.equals(where)) {
                // Re-registration resets the stored health; write the checks' verdict again.
                writer.markDirty(existing);
                return existing.ids();
            }
            Instant now = clock.instant();
            List<WatchedCheck> created = build(key, instance, specs, now);
            if (existing != null) {
                stop(existing);
            }
            if (created.isEmpty()) {
                if (existing != null) {
                    // Its checks were removed: nothing says it is unhealthy any more.
                    store.updateHealth(key, Health.PASSING);
                }
                return List.of();
            }
            WatchedInstance watched = new WatchedInstance(key, where, specs, created);
            instances.put(key, watched);
            created.forEach(c -> checks.put(c.id, c));
            writer.markDirty(watched);
            for (WatchedCheck c : created) {
                if (c.target instanceof HeartbeatTarget h) {
                    armTtl(c, h);
                } else {
                    schedule(c, now.toEpochMilli() + firstDelay(c.spec.interval(), ThreadLocalRandom.current()).toMillis());
                }
                c.syncDeregisterTimer(() -> armDeregister(c));
            }
            return watched.ids();
        }
    }

    private List<WatchedCheck> build(InstanceKey key, ServiceInstance instance, List<CheckSpec> specs, Instant now) {
        List<WatchedCheck> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int j = 0; j < specs.size(); j++) {
            CheckSpec spec = specs.get(j);
            String field = "checks[" + j + "]";
            String id = spec.id() != null ? spec.id()
                    : specs.size() == 1 ? key.env() + "." + key.service() + "." + key.id()
                    : key.env() + "." + key.service() + "." + key.id() + "." + (j + 1);
            WatchedCheck other = checks.get(id);
            if (!ids.add(id) || (other != null && !other.instance.equals(key))) {
                throw new InvalidFieldException(field + ".id", "'" + id + "' is already used by "
                        + (other != null && !other.instance.equals(key) ? "instance " + other.instance : "another check")
                        + "; check ids are unique per node");
            }
            CheckTarget target;
            try {
                target = spec.target().resolve(instance.address(), instance.port());
            } catch (InvalidFieldException e) {
                throw new InvalidFieldException(field + "." + spec.kind().wireName(), CheckSpecParser.reason(e));
            }
            CheckState state = new CheckState(spec.initial(), spec.rise(), spec.fall(), config.flapWindow(),
                    config.flapThreshold(), now);
            out.add(new WatchedCheck(id, key, spec, target, state));
        }
        return out;
    }

    /** Stops checking an instance; its health in the store is left as it was (it is usually being deregistered). */
    public void unwatch(InstanceKey key) {
        synchronized (registry) {
            WatchedInstance w = instances.remove(key);
            if (w != null) {
                stop(w);
            }
        }
    }

    private void stop(WatchedInstance w) {
        w.deactivate();
        for (WatchedCheck c : w.checks) {
            c.stop();
            checks.remove(c.id, c);
        }
        instances.remove(w.key, w);
    }

    /**
     * A status report for a TTL check (the API's {@code PUT /v1/checks/{id}/pass|warn|fail}); restarts its TTL.
     *
     * @return false when no check has this id
     * @throws InvalidFieldException when the check exists but is not a TTL check
     */
    public boolean heartbeat(String checkId, Health status, String note) {
        WatchedCheck c = checks.get(checkId);
        if (c == null || !c.active() || gone(c)) {
            return false;
        }
        if (!(c.target instanceof HeartbeatTarget h)) {
            throw new InvalidFieldException("checkId", "check '" + checkId + "' is a " + c.spec.kind().wireName()
                    + " check; only ttl checks accept status reports");
        }
        Instant now = clock.instant();
        String text = CheckResult.cap(note == null ? "" : note, config.outputLimit());
        metrics.result(CheckKind.TTL, status);
        CheckState.Transition t = c.report(status, text, now);
        armTtl(c, h);
        after(c, t);
        return true;
    }

    /**
     * {@link #heartbeat(String, Health, String)} with the status as text ("passing", "warning" or "critical"),
     * the shape of the HTTP API's check updater.
     */
    public boolean heartbeat(String checkId, String status, String note) {
        Health health;
        try {
            health = Health.parse(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", e.getMessage());
        }
        return heartbeat(checkId, health, note);
    }

    public Optional<CheckStatus> status(String checkId) {
        return Optional.ofNullable(checks.get(checkId)).map(WatchedCheck::status);
    }

    /** Every check on this node, ordered by instance then id. */
    public List<CheckStatus> statuses() {
        return checks.values().stream().map(WatchedCheck::status)
                .sorted(Comparator.comparing((CheckStatus s) -> s.instance().toString()).thenComparing(CheckStatus::id))
                .toList();
    }

    public List<CheckStatus> statuses(InstanceKey key) {
        WatchedInstance w = instances.get(key);
        return w == null ? List.of() : w.checks.stream().map(WatchedCheck::status).toList();
    }

    // ---- pipeline -------------------------------------------------------------------------------------------

    private void schedule(WatchedCheck c, long dueAtMillis) {
        c.dueAt = dueAtMillis;
        long delay = Math.max(0, dueAtMillis - clock.millis());
        c.setRunTimer(scheduler.schedule(() -> {
            if (c.active()) {
                due.next(c);
            }
        }, delay, TimeUnit.MILLISECONDS));
    }

    private Mono<Outcome> run(WatchedCheck c) {
        return Mono.defer(() -> {
            if (!c.active()) {
                return Mono.empty();
            }
            long start = clock.millis();
            metrics.lag(start - c.dueAt);
            inFlightPeak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            // Counted down before the result travels on, i.e. before flatMap starts the next check in this slot.
            AtomicBoolean running = new AtomicBoolean(true);
            Runnable done = () -> {
                if (running.getAndSet(false)) {
                    inFlight.decrementAndGet();
                }
            };
            return probes.run(c.target, c.spec.timeout())
                    .onErrorResume(e -> Mono.just(CheckResult.critical(Probes.describe(e, c.spec.timeout()))))
                    .map(r -> new Outcome(c, r, start, clock.millis()))
                    .doOnSuccess(o -> done.run())
                    .doOnCancel(done);
        }).onErrorResume(e -> {
            // Never let one check's failure end the node's pipeline.
            log.error("check {} of {} failed unexpectedly", c.id, c.instance, e);
            long now = clock.millis();
            return Mono.just(new Outcome(c, CheckResult.critical("internal error: " + e), now, now));
        });
    }

    private void record(Outcome o) {
        WatchedCheck c = o.check();
        if (!c.active() || gone(c)) {
            return;
        }
        try {
            metrics.result(c.spec.kind(), o.result().status());
            metrics.latency(c.spec.kind(), o.finishedAt() - o.startedAt());
            after(c, c.probe(o.result(), Instant.ofEpochMilli(o.finishedAt())));
        } catch (RuntimeException e) {
            log.error("recording a result of check {} of {} failed", c.id, c.instance, e);
        } finally {
            schedule(c, Math.max(c.dueAt + c.spec.interval().toMillis(), clock.millis()));
        }
    }

    /** True (and the instance unwatched) when someone else deregistered the instance, e.g. through the API. */
    private boolean gone(WatchedCheck c) {
        if (store.local(c.instance).isPresent()) {
            return false;
        }
        unwatch(c.instance);
        return true;
    }

    private void after(WatchedCheck c, CheckState.Transition t) {
        if (t == null) {
            return;
        }
        if (t.startedFlapping()) {
            metrics.flap(c.spec.kind());
            log.warn("check {} of {} is flapping; holding it at {}", c.id, c.instance, t.after().wireName());
        }
        if (t.changed()) {
            if (t.after().ordinal() > t.before().ordinal()) {
                log.info("check {} of {} is now {}: {}", c.id, c.instance, t.after().wireName(), c.status().output());
            } else {
                log.debug("check {} of {} is now {}", c.id, c.instance, t.after().wireName());
            }
            WatchedInstance w = instances.get(c.instance);
            if (w != null) {
                writer.markDirty(w);
            }
        }
        c.syncDeregisterTimer(() -> armDeregister(c));
    }

    private void armTtl(WatchedCheck c, HeartbeatTarget h) {
        c.setTtlTimer(generation -> scheduler.schedule(() -> {
            if (gone(c)) {
                return;
            }
            Instant now = clock.instant();
            CheckState.Transition t = c.expire(generation, "TTL of " + DurationText.text(h.ttl())
                    + " expired: no status report within it", now);
            if (t != null) {
                metrics.result(CheckKind.TTL, Health.CRITICAL);
                after(c, t);
            }
        }, h.ttl().toMillis(), TimeUnit.MILLISECONDS));
    }

    private Disposable armDeregister(WatchedCheck c) {
        Duration after = c.spec.deregisterAfter();
        long delay = Math.max(0, c.reportedSince().plus(after).toEpochMilli() - clock.millis());
        return scheduler.schedule(() -> deregisterIfStillCritical(c), delay, TimeUnit.MILLISECONDS);
    }

    private void deregisterIfStillCritical(WatchedCheck c) {
        Instant now = clock.instant();
        Duration after = c.spec.deregisterAfter();
        if (!c.active() || c.reported() != Health.CRITICAL || c.reportedSince().plus(after).isAfter(now)) {
            return;
        }
        log.warn("deregistering {}: check {} critical for {}", c.instance, c.id, DurationText.text(after));
        unwatch(c.instance);
        if (store.deregister(c.instance).isPresent()) {
            metrics.deregistered();
        }
    }

    /** Random start within the first interval, so checks registered together do not fire together. */
    static Duration firstDelay(Duration interval, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(Math.max(1, interval.toMillis())));
    }

    // ---- diagnostics for tests and the API --------------------------------------------------------------------

    /** Most checks that ever ran at once. */
    int inFlightPeak() {
        return inFlightPeak.get();
    }

    /** Most check sockets that were ever open at once. */
    int socketPeak() {
        return probes.sockets().peak();
    }

    int openSockets() {
        return probes.sockets().open();
    }

    @Override
    public void close() {
        synchronized (registry) {
            new ArrayList<>(instances.values()).forEach(this::stop);
        }
        pipeline.dispose();
        execScheduler.dispose();
    }
}
