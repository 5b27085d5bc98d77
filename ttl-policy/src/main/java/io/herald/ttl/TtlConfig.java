package io.herald.ttl;

import io.herald.config.ConfigException;
import io.herald.config.Section;
import io.herald.core.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code ttl} config section. All TTLs are whole seconds.
 *
 * @param defaultTtl   {@code ttl.default}: positive answers when no rule or environment default applies
 * @param min          {@code ttl.min}: lower end of the clamp range; also what unstable services get
 * @param max          {@code ttl.max}: upper end of the clamp range
 * @param negative     {@code ttl.negative}: negative-caching TTL (SOA minimum)
 * @param noHealthy    {@code ttl.no_healthy}: NODATA TTL for a known service with no healthy instance
 * @param environments {@code ttl.environments.<env>.default|negative}
 * @param rules        {@code ttl.rules}: per-service TTLs, exact names and {@code prefix*} patterns
 * @param maxStaleness {@code ttl.max_staleness}: longest a client may keep using a dead instance; zero = no budget
 * @param stableAfter  {@code ttl.stable_after}: stability needed before TTLs rise above min; zero = not adaptive
 * @param step         {@code ttl.step}: time between doublings of an adaptive TTL
 */
public record TtlConfig(
        Duration defaultTtl,
        Duration min,
        Duration max,
        Duration negative,
        Duration noHealthy,
        Map<String, EnvironmentTtl> environments,
        List<TtlRule> rules,
        Duration maxStaleness,
        Duration stableAfter,
        Duration step) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(60);
    public static final Duration DEFAULT_NEGATIVE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_NO_HEALTHY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(10);
    /** Upper bound for every TTL knob: longer caching defeats the point of a discovery service. */
    public static final Duration MAX_TTL = Duration.ofDays(1);

    public TtlConfig {
        Objects.requireNonNull(defaultTtl, "ttl.default");
        Objects.requireNonNull(min, "ttl.min");
        Objects.requireNonNull(max, "ttl.max");
        Objects.requireNonNull(negative, "ttl.negative");
        Objects.requireNonNull(noHealthy, "ttl.no_healthy");
        Objects.requireNonNull(maxStaleness, "ttl.max_staleness (use Duration.ZERO for no budget)");
        Objects.requireNonNull(stableAfter, "ttl.stable_after (use Duration.ZERO to turn adaptive TTLs off)");
        Objects.requireNonNull(step, "ttl.step");
        Durations.seconds("ttl.default", defaultTtl);
        int lo = Durations.seconds("ttl.min", min);
        int hi = Durations.seconds("ttl.max", max);
        Durations.seconds("ttl.negative", negative);
        Durations.seconds("ttl.no_healthy", noHealthy);
        if (lo > hi) {
            throw new ConfigException("ttl.min", Durations.text(min) + " is above ttl.max " + Durations.text(max)
                    + "; the clamp range needs min <= max");
        }
        if (maxStaleness.isNegative()) {
            throw new ConfigException("ttl.max_staleness", "must not be negative (0s means no budget), got "
                    + Durations.text(maxStaleness));
        }
        if (stableAfter.isNegative()) {
            throw new ConfigException("ttl.stable_after", "must not be negative (0s turns adaptive TTLs off), got "
                    + Durations.text(stableAfter));
        }
        if (!stableAfter.isZero() && (step.isZero() || step.isNegative())) {
            throw new ConfigException("ttl.step", "must be positive while ttl.stable_after is set, got "
                    + Durations.text(step));
        }
        environments = checkEnvironments(environments == null ? Map.of() : environments);
        rules = checkRules(rules == null ? List.of() : rules);
    }

    private static Map<String, EnvironmentTtl> checkEnvironments(Map<String, EnvironmentTtl> envs) {
        Map<String, EnvironmentTtl> out = new LinkedHashMap<>();
        envs.forEach((env, e) -> {
            String key = "ttl.environments." + env;
            if (!Labels.isLabel(env)) {
                throw new ConfigException(key, "environment names must be one DNS label, got '" + env + "'");
            }
            EnvironmentTtl v = e == null ? EnvironmentTtl.NONE : e;
            if (v.defaultTtl() != null) {
                Durations.seconds(key + ".default", v.defaultTtl());
            }
            if (v.negative() != null) {
                Durations.seconds(key + ".negative", v.negative());
            }
            out.put(Labels.label(key, env), v);
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    private static List<TtlRule> checkRules(List<TtlRule> rules) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            TtlRule r = Objects.requireNonNull(rules.get(i), "ttl.rules[" + i + "]");
            String id = (r.env() == null ? "" : r.env()) + "/" + r.service();
            if (!seen.add(id)) {
                throw new ConfigException("ttl.rules[" + i + "]", "duplicate rule for service '" + r.service() + "'"
                        + (r.env() == null ? "" : " in env '" + r.env() + "'") + "; keep one of them");
            }
        }
        return List.copyOf(rules);
    }

    /** Every knob at its default: 5s answers clamped to [1s, 60s], 5s negative, adaptive after 30s. */
    public static TtlConfig defaults() {
        return new TtlConfig(DEFAULT_TTL, DEFAULT_MIN, DEFAULT_MAX, DEFAULT_NEGATIVE, DEFAULT_NO_HEALTHY, Map.of(),
                List.of(), Duration.ZERO, DEFAULT_STABLE_AFTER, DEFAULT_STEP);
    }

    public TtlConfig withRules(List<TtlRule> r) {
        return new TtlConfig(defaultTtl, min, max, negative, noHealthy, environments, r, maxStaleness, stableAfter, step);
    }

    public TtlConfig withEnvironments(Map<String, EnvironmentTtl> e) {
        return new TtlConfig(defaultTtl, min, max, negative, noHealthy, e, rules, maxStaleness, stableAfter, step);
    }

    public TtlConfig withMaxStaleness(Duration m) {
        return new TtlConfig(defaultTtl, min, max, negative, noHealthy, environments, rules, m, stableAfter, step);
    }

    public TtlConfig withAdaptive(Duration after, Duration everyStep) {
        return new TtlConfig(defaultTtl, min, max, negative, noHealthy, environments, rules, maxStaleness, after, everyStep);
    }

    public TtlConfig withRange(Duration lo, Duration hi) {
        return new TtlConfig(defaultTtl, lo, hi, negative, noHealthy, environments, rules, maxStaleness, stableAfter, step);
    }

    public boolean adaptive() {
        return !stableAfter.isZero();
    }

    /** Reads section {@code ttl} of the root config. */
    public static TtlConfig from(Section root) {
        Section s = root.section("ttl");
        Duration zero = Duration.ZERO;
        Duration def = s.duration("default", DEFAULT_TTL, zero, MAX_TTL,
                "TTL of positive answers when no rule or environment default matches");
        Duration min = s.duration("min", DEFAULT_MIN, zero, MAX_TTL, "lowest TTL handed out; unstable services get it");
        Duration max = s.duration("max", DEFAULT_MAX, zero, MAX_TTL, "highest TTL handed out; every TTL is clamped to [min, max]");
        Duration neg = s.duration("negative", DEFAULT_NEGATIVE, zero, MAX_TTL,
                "negative-caching TTL (SOA minimum) for names that do not exist");
        Duration noHealthy = s.duration("no_healthy", DEFAULT_NO_HEALTHY, zero, MAX_TTL,
                "TTL of the empty answer for a known service with no healthy instance");
        Duration staleness = s.duration("max_staleness", zero, zero, MAX_TTL,
                "longest time a client may keep using a dead instance (TTL + detection time); 0s = no budget");
        Duration stableAfter = s.duration("stable_after", DEFAULT_STABLE_AFTER, zero, MAX_TTL,
                "stability needed before a service's TTL rises above ttl.min; 0s turns adaptive TTLs off");
        Duration step = s.duration("step", DEFAULT_STEP, Duration.ofMillis(1), MAX_TTL,
                "time between doublings of an adaptive TTL on its way up to the rule's value");

        Map<String, EnvironmentTtl> envs = new LinkedHashMap<>();
        Section envSection = s.section("environments");
        for (String env : envSection.keys()) {
            Section e = envSection.section(env);
            Duration envDefault = e.has("default")
                    ? e.duration("default", def, zero, MAX_TTL, "TTL of positive answers in this environment") : null;
            Duration envNegative = e.has("negative")
                    ? e.duration("negative", neg, zero, MAX_TTL, "negative-caching TTL of this environment's zone") : null;
            envs.put(env, new EnvironmentTtl(envDefault, envNegative));
        }

        List<TtlRule> rules = new ArrayList<>();
        for (Section r : s.list("rules", "per-service TTLs: {env?: prod, service: web | db-*, ttl: 2s}")) {
            String env = r.has("env") ? r.string("env", "", "environment the rule applies to; all when absent") : null;
            String service = r.requiredString("service", "service name, or a prefix ending in * such as db-*");
            if (!r.has("ttl")) {
                throw r.error("ttl", "is required, e.g. ttl: 2s");
            }
            Duration ttl = r.duration("ttl", zero, zero, MAX_TTL, "TTL of answers about matching services");
            rules.add(TtlRule.of(r.path(), env, service, ttl));
        }
        return new TtlConfig(def, min, max, neg, noHealthy, envs, rules, staleness, stableAfter, step);
    }
}
