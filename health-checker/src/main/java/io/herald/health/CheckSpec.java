package io.herald.health;

import io.herald.config.Section;
import io.herald.core.Health;
import io.herald.core.InvalidFieldException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One health check of an instance: what to probe and how to judge it.
 *
 * @param id              unique on this node; null to let the checker name it (see {@link HealthChecker#watch})
 * @param target          what to probe; its kind is the check's kind
 * @param interval        time between runs (ignored by ttl checks)
 * @param timeout         a run taking longer counts as critical; at most {@code interval}
 * @param rise            consecutive better results needed before the status improves
 * @param fall            consecutive worse results needed before the status degrades
 * @param initial         status until the first result (ttl checks: until the first report)
 * @param deregisterAfter an instance whose check stays critical this long is deregistered; zero = never
 */
public record CheckSpec(
        String id,
        CheckTarget target,
        Duration interval,
        Duration timeout,
        int rise,
        int fall,
        Health initial,
        Duration deregisterAfter) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_RISE = 2;
    public static final int DEFAULT_FALL = 3;
    /** Like Consul: an instance receives no traffic until a check has passed. */
    public static final Health DEFAULT_INITIAL = Health.CRITICAL;
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public CheckSpec {
        if (id != null && !ID.matcher(id).matches()) {
            throw new InvalidFieldException("id", "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with "
                    + "a letter or digit, got '" + id + "'");
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new InvalidFieldException("interval", "must be at least 10ms, got " + DurationText.text(interval));
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new InvalidFieldException("timeout", "must be positive, got " + DurationText.text(timeout));
        }
        if (timeout.compareTo(interval) > 0) {
            throw new InvalidFieldException("timeout", DurationText.text(timeout) + " is longer than interval "
                    + DurationText.text(interval) + "; runs of a check never overlap, so raise interval or lower timeout");
        }
        if (rise < 1 || rise > 100) {
            throw new InvalidFieldException("rise", "must be between 1 and 100, got " + rise);
        }
        if (fall < 1 || fall > 100) {
            throw new InvalidFieldException("fall", "must be between 1 and 100, got " + fall);
        }
        initial = initial == null ? DEFAULT_INITIAL : initial;
        deregisterAfter = deregisterAfter == null ? Duration.ZERO : deregisterAfter;
        if (deregisterAfter.isNegative()) {
            throw new InvalidFieldException("deregister_after", "must not be negative (0s = never), got "
                    + DurationText.text(deregisterAfter));
        }
    }

    /** A check of {@code target} with every knob at its default. */
    public static CheckSpec of(CheckTarget target) {
        return new CheckSpec(null, target, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_RISE, DEFAULT_FALL, DEFAULT_INITIAL,
                Duration.ZERO);
    }

    public static CheckSpec tcp(String host, int port) {
        return of(new TcpTarget(host, port));
    }

    public static CheckSpec http(String url) {
        return of(HttpTarget.parse("http", url, "http", false));
    }

    public static CheckSpec exec(String... args) {
        return of(new ExecTarget(List.of(args)));
    }

    public static CheckSpec ttl(Duration ttl) {
        return of(new HeartbeatTarget(ttl));
    }

    public CheckKind kind() {
        return target.kind();
    }

    /** Worst-case time for this check to notice a dead instance: {@code interval × fall + timeout}, or the TTL. */
    public Duration detectionTime() {
        if (target instanceof HeartbeatTarget h) {
            return h.ttl();
        }
        return interval.multipliedBy(fall).plus(timeout);
    }

    public CheckSpec withId(String newId) {
        return new CheckSpec(newId, target, interval, timeout, rise, fall, initial, deregisterAfter);
    }

    /** Changes the interval; a default timeout longer than the new interval shrinks with it. */
    public CheckSpec withInterval(Duration newInterval) {
        Duration t = timeout.compareTo(newInterval) > 0 ? newInterval : timeout;
        return new CheckSpec(id, target, newInterval, t, rise, fall, initial, deregisterAfter);
    }

    public CheckSpec withTimeout(Duration newTimeout) {
        return new CheckSpec(id, target, interval, newTimeout, rise, fall, initial, deregisterAfter);
    }

    public CheckSpec withRiseFall(int newRise, int newFall) {
        return new CheckSpec(id, target, interval, timeout, newRise, newFall, initial, deregisterAfter);
    }

    public CheckSpec withInitial(Health newInitial) {
        return new CheckSpec(id, target, interval, timeout, rise, fall, newInitial, deregisterAfter);
    }

    public CheckSpec withDeregisterAfter(Duration after) {
        return new CheckSpec(id, target, interval, timeout, rise, fall, initial, after);
    }

    /**
     * Parses a Consul-style JSON object such as {@code {"http": "http://127.0.0.1:8080/health", "interval": "2s"}}.
     * Keys are case-insensitive and underscores are optional ({@code DeregisterCriticalServiceAfter} works);
     * errors name {@code field} plus the key, e.g. "checks[0].interval: ...".
     */
    public static CheckSpec fromMap(Map<String, ?> json, String field) {
        return CheckSpecParser.parse(new MapFields(json, field));
    }

    /** Parses one config section such as {@code services[0].checks[1]}; errors are ConfigExceptions naming the key. */
    public static CheckSpec from(Section section) {
        return CheckSpecParser.parse(new SectionFields(section));
    }

    /**
     * Parses Registrator-style container metadata ({@code SERVICE_CHECK_HTTP=/health},
     * {@code SERVICE_CHECK_INTERVAL=2s}, ...). Empty when no check is defined.
     */
    public static Optional<CheckSpec> fromContainerMeta(Map<String, String> meta) {
        return ContainerFields.of(meta).map(CheckSpecParser::parse);
    }
}
