package io.herald.ttl;

import io.herald.config.ConfigException;
import io.herald.core.Labels;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One TTL rule: answers about services matching {@code service} (an exact name, or a prefix ending in {@code *}
 * such as {@code db-*}) in environment {@code env} (any environment when null) carry {@code ttl}.
 */
public record TtlRule(String env, String service, Duration ttl) {
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public TtlRule {
        check("ttl.rules", env, service, ttl);
        env = env == null ? null : env.toLowerCase(Locale.ROOT);
        service = service.toLowerCase(Locale.ROOT);
    }

    /** Builds a rule, naming {@code key} (e.g. "ttl.rules[2]") in errors. */
    public static TtlRule of(String key, String env, String service, Duration ttl) {
        check(key, env, service, ttl);
        return new TtlRule(env, service, ttl);
    }

    private static void check(String key, String env, String service, Duration ttl) {
        if (env != null && !Labels.isLabel(env)) {
            throw new ConfigException(key + ".env", "must be one environment name (a DNS label), got '" + env + "'");
        }
        if (service == null || service.isEmpty()) {
            throw new ConfigException(key + ".service", "is required: a service name such as web, or a prefix such as db-*");
        }
        String s = service.toLowerCase(Locale.ROOT);
        boolean ok = s.endsWith("*")
                ? PREFIX.matcher(s.substring(0, s.length() - 1)).matches()
                : Labels.isLabel(s);
        if (!ok) {
            throw new ConfigException(key + ".service", "must be a service name (web) or a prefix ending in one * (db-*), got '"
                    + service + "'; use ttl.default or ttl.environments.<env>.default for everything");
        }
        Objects.requireNonNull(ttl, key + ".ttl");
        Durations.seconds(key + ".ttl", ttl);
    }

    public boolean isPrefix() {
        return service.endsWith("*");
    }

    /** The literal part of the pattern: the whole name, or the text before the star. */
    public String literal() {
        return isPrefix() ? service.substring(0, service.length() - 1) : service;
    }

    public boolean matches(String env, String service) {
        if (this.env != null && !this.env.equals(env)) {
            return false;
        }
        return isPrefix() ? service.startsWith(literal()) : this.service.equals(service);
    }

    @Override
    public String toString() {
        return (env == null ? "*" : env) + "/" + service + "=" + Durations.text(ttl);
    }
}
