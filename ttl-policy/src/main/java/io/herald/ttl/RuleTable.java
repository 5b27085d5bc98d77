package io.herald.ttl;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves a service's configured TTL: exact name, then the longest matching prefix, then the environment
 * default, then the global default; a rule for the environment beats an environment-less rule of the same
 * pattern. The result is clamped to {@code [min, ceiling]}.
 */
final class RuleTable {
    private final TtlConfig config;
    private final List<TtlRule> exact;
    private final List<TtlRule> prefixes;
    private final int min;
    private final int ceiling;

    RuleTable(TtlConfig config, int ceiling) {
        this.config = config;
        this.min = (int) config.min().toSeconds();
        this.ceiling = ceiling;
        // Env-specific rules first so that they win over environment-less rules of the same pattern.
        Comparator<TtlRule> envFirst = Comparator.comparing(r -> r.env() == null);
        this.exact = config.rules().stream().filter(r -> !r.isPrefix()).sorted(envFirst).toList();
        this.prefixes = config.rules().stream().filter(TtlRule::isPrefix)
                .sorted(Comparator.<TtlRule>comparingInt(r -> -r.literal().length()).thenComparing(envFirst))
                .toList();
    }

    /** The TTL a stable service gets, in seconds, before any adaptive lowering. */
    int target(String env, String service) {
        return clamp(configured(env, service));
    }

    /** The configured (unclamped) value and where it came from. */
    Duration configured(String env, String service) {
        for (TtlRule r : exact) {
            if (r.matches(env, service)) {
                return r.ttl();
            }
        }
        for (TtlRule r : prefixes) {
            if (r.matches(env, service)) {
                return r.ttl();
            }
        }
        EnvironmentTtl e = config.environments().get(env);
        if (e != null && e.defaultTtl() != null) {
            return e.defaultTtl();
        }
        return config.defaultTtl();
    }

    int negative(String env) {
        EnvironmentTtl e = config.environments().get(env);
        Duration d = e != null && e.negative() != null ? e.negative() : config.negative();
        return (int) d.toSeconds();
    }

    int min() {
        return min;
    }

    int ceiling() {
        return ceiling;
    }

    private int clamp(Duration d) {
        long s = d.toSeconds();
        return (int) Math.max(min, Math.min(ceiling, s));
    }
}
