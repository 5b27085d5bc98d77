package io.herald.ttl;

import io.herald.core.Catalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Herald's TTL policy: per-service rules clamped to {@code [ttl.min, ttl.max]} and to the staleness budget, and
 * adaptive TTLs that stay at {@code ttl.min} while a service is changing and climb back once it is stable.
 *
 * <p>Every answer is a pure function of the config, the observed catalogue history and the clock. The app feeds
 * catalogue snapshots to {@link #observe(Catalog)} (or {@link #follow(Flux)}); when a TTL steps up with no
 * catalogue change, {@link #changes()} emits a {@link TtlStep} at the next whole second so the DNS layer rebuilds.
 */
public final class RuleBasedTtlPolicy implements TtlPolicy, AutoCloseable {
    private final TtlConfig config;
    private final RuleTable rules;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<ServiceName, Stability> history = new ConcurrentHashMap<>();
    private final Map<ServiceName, Integer> published = new HashMap<>();
    private final Fingerprints fingerprints = new Fingerprints();
    private final Sinks.Many<Object> changes = Sinks.many().multicast().directBestEffort();
    private Disposable timer;
    private Instant timerAt;

    private RuleBasedTtlPolicy(TtlConfig config, int ceiling, Clock clock, Scheduler scheduler) {
        this.config = config;
        this.rules = new RuleTable(config, ceiling);
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Builds the policy.
     *
     * @param detection worst-case time to notice a dead instance; with {@code ttl.max_staleness} set, a config
     *                  whose minimum TTL plus this exceeds the budget is refused with a ConfigException
     * @param clock     source of "now" for stability; must agree with {@code scheduler}
     * @param scheduler runs the timer behind {@link #changes()} (a VirtualTimeScheduler in tests)
     */
    public static RuleBasedTtlPolicy create(TtlConfig config, DetectionTime detection, Clock clock, Scheduler scheduler) {
        return new RuleBasedTtlPolicy(config, StalenessBudget.ceiling(config, detection), clock, scheduler);
    }

    public static RuleBasedTtlPolicy create(TtlConfig config, DetectionTime detection) {
        return create(config, detection, Clock.systemUTC(), Schedulers.parallel());
    }

    @Override
    public int answerTtl(String env, String service) {
        return decide(env, service).ttl();
    }

    @Override
    public int negativeTtl(String env) {
        return rules.negative(env);
    }

    @Override
    public int noHealthyTtl(String env, String service) {
        return (int) config.noHealthy().toSeconds();
    }

    @Override
    public Flux<Object> changes() {
        return changes.asFlux();
    }

    /** Highest TTL any answer can carry: {@code min(ttl.max, max_staleness - detection)}. */
    public int ceiling() {
        return rules.ceiling();
    }

    public TtlConfig config() {
        return config;
    }

    /** The TTL for a service now, and why. */
    public TtlDecision decide(String env, String service) {
        int target = rules.target(env, service);
        if (!config.adaptive() || target <= rules.min()) {
            return new TtlDecision(target, target, "stable");
        }
        Stability s = history.get(new ServiceName(env, service));
        if (s == null) {
            return new TtlDecision(rules.min(), target, "not yet observed");
        }
        if (s.suspect()) {
            return new TtlDecision(rules.min(), target, "an instance's node is suspect");
        }
        Duration stable = Duration.between(s.since(), clock.instant());
        int ttl = AdaptiveTtl.at(rules.min(), target, stable, config.stableAfter(), config.step());
        String reason = ttl >= target ? "stable" : "stable for " + Durations.text(stable.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + " (full TTL after " + Durations.text(config.stableAfter()) + " + steps of " + Durations.text(config.step()) + ")";
        return new TtlDecision(ttl, target, reason);
    }

    /** Records a catalogue snapshot: services whose instances, health or reachability changed restart at min. */
    public synchronized void observe(Catalog catalog) {
        Instant now = clock.instant();
        Set<ServiceName> lowered = new HashSet<>();
        for (ServiceName svc : fingerprints.advance(catalog)) {
            Map<String, Stability.Member> fingerprint = fingerprints.of(svc);
            if (fingerprint == null) {
                history.remove(svc);
                continue;
            }
            Stability old = history.get(svc);
            if (old == null || !old.fingerprint().equals(fingerprint)) {
                history.put(svc, Stability.of(fingerprint, now));
                Integer before = published.get(svc);
                if (before != null && before > answerTtl(svc.env(), svc.service())) {
                    lowered.add(svc);
                }
            }
        }
        // A DNS rebuild for this catalogue may already have run with the old, higher TTL; make it rebuild again.
        publish(now, lowered);
    }

    /** Observes every snapshot of a catalogue stream (e.g. {@code store.changes()}). */
    public Disposable follow(Flux<Catalog> catalogs) {
        return catalogs.onBackpressureLatest().subscribe(this::observe);
    }

    private synchronized void tick() {
        timer = null;
        timerAt = null;
        publish(clock.instant(), Set.of());
    }

    /** Emits when any level differs from the last published one (or {@code force} is non-empty) and re-arms the timer. */
    private void publish(Instant now, Set<ServiceName> force) {
        Set<ServiceName> changed = new HashSet<>(force);
        Map<ServiceName, Integer> levels = new HashMap<>();
        for (ServiceName svc : history.keySet()) {
            int level = answerTtl(svc.env(), svc.service());
            levels.put(svc, level);
            Integer before = published.get(svc);
            if (before != null && before != level) {
                changed.add(svc);
            }
        }
        published.clear();
        published.putAll(levels);
        if (!changed.isEmpty()) {
            changes.tryEmitNext(new TtlStep(now, changed));
        }
        arm(now);
    }

    private void arm(Instant now) {
        Optional<Instant> next = nextStep();
        if (next.equals(Optional.ofNullable(timerAt))) {
            return;
        }
        if (timer != null) {
            timer.dispose();
            timer = null;
            timerAt = null;
        }
        if (next.isPresent()) {
            timerAt = next.get();
            long delay = Math.max(0, Duration.between(now, timerAt).toMillis());
            timer = scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Earliest moment some adaptive TTL rises, rounded up to a whole second so rebuilds come at most once a second. */
    private Optional<Instant> nextStep() {
        if (!config.adaptive()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant earliest = null;
        for (Map.Entry<ServiceName, Stability> e : history.entrySet()) {
            Stability s = e.getValue();
            if (s.suspect()) {
                continue;
            }
            int target = rules.target(e.getKey().env(), e.getKey().service());
            Optional<Duration> step = AdaptiveTtl.nextStep(rules.min(), target, Duration.between(s.since(), now),
                    config.stableAfter(), config.step());
            if (step.isPresent()) {
                Instant at = s.since().plus(step.get());
                if (earliest == null || at.isBefore(earliest)) {
                    earliest = at;
                }
            }
        }
        if (earliest == null) {
            return Optional.empty();
        }
        long ms = earliest.toEpochMilli();
        return Optional.of(Instant.ofEpochMilli(Math.floorDiv(ms + 999, 1000) * 1000));
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.dispose();
        }
        changes.tryEmitComplete();
    }
}
