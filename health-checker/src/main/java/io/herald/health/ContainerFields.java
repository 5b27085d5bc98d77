package io.herald.health;

import io.herald.core.InvalidFieldException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registrator-style container metadata: {@code SERVICE_CHECK_HTTP=/health}, {@code SERVICE_CHECK_HTTPS=/health},
 * {@code SERVICE_CHECK_TCP=true}, {@code SERVICE_CHECK_SCRIPT=...}, {@code SERVICE_CHECK_TTL=30s} plus the knobs
 * {@code SERVICE_CHECK_INTERVAL}, {@code _TIMEOUT}, {@code _RISE}, {@code _FALL}, {@code _INITIAL_STATUS},
 * {@code _DEREGISTER_AFTER}, {@code _TLS_SKIP_VERIFY}, {@code _ID}. Other {@code SERVICE_*} keys are ignored;
 * unknown {@code SERVICE_CHECK_*} keys are errors so typos do not silently drop a check.
 */
final class ContainerFields implements CheckFields {
    private static final String PREFIX = "SERVICE_CHECK_";
    private final Map<String, String> values;
    private final Map<String, String> names;
    private final String scheme;

    private ContainerFields(Map<String, String> values, Map<String, String> names, String scheme) {
        this.values = values;
        this.names = names;
        this.scheme = scheme;
    }

    static Optional<CheckFields> of(Map<String, String> meta) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        String scheme = "http";
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String upper = e.getKey().toUpperCase(Locale.ROOT);
            if (!upper.startsWith(PREFIX)) {
                continue;
            }
            String suffix = upper.substring(PREFIX.length());
            String key = switch (suffix) {
                case "HTTP", "HTTPS" -> "http";
                case "SCRIPT" -> "exec";
                case "TCP", "TTL", "INTERVAL", "TIMEOUT", "RISE", "FALL", "INITIAL_STATUS", "DEREGISTER_AFTER",
                        "TLS_SKIP_VERIFY", "ID" -> suffix.toLowerCase(Locale.ROOT);
                default -> throw new InvalidFieldException(e.getKey(), "unknown check setting; use SERVICE_CHECK_ with "
                        + "HTTP, HTTPS, TCP, SCRIPT, TTL, INTERVAL, TIMEOUT, RISE, FALL, INITIAL_STATUS, "
                        + "DEREGISTER_AFTER, TLS_SKIP_VERIFY or ID");
            };
            String earlier = names.put(key, e.getKey());
            if (earlier != null) {
                throw new InvalidFieldException(e.getKey(), "conflicts with " + earlier + "; a container defines one check");
            }
            if (suffix.equals("HTTPS")) {
                scheme = "https";
            }
            values.put(key, e.getValue() == null ? "" : e.getValue().trim());
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (CheckSpecParser.KIND_KEYS.stream().noneMatch(values::containsKey)) {
            String any = names.values().iterator().next();
            throw new InvalidFieldException(any, "is set but no check is: add SERVICE_CHECK_HTTP, SERVICE_CHECK_HTTPS, "
                    + "SERVICE_CHECK_TCP, SERVICE_CHECK_SCRIPT or SERVICE_CHECK_TTL");
        }
        return Optional.of(new ContainerFields(values, names, scheme));
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    @Override
    public String string(String key) {
        return values.get(key);
    }

    @Override
    public List<String> strings(String key) {
        return List.of(values.get(key));
    }

    @Override
    public Duration duration(String key, Duration def) {
        if (!has(key)) {
            return def;
        }
        try {
            return DurationText.parse(key, values.get(key));
        } catch (InvalidFieldException e) {
            throw error(key, CheckSpecParser.reason(e));
        }
    }

    @Override
    public int integer(String key, int def) {
        if (!has(key)) {
            return def;
        }
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number, got '" + values.get(key) + "'");
        }
    }

    @Override
    public boolean bool(String key, boolean def) {
        if (!has(key)) {
            return def;
        }
        String v = values.get(key);
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw error(key, "must be true or false, got '" + v + "'");
    }

    @Override
    public RuntimeException error(String key, String reason) {
        return new InvalidFieldException(names.getOrDefault(key, PREFIX + key.toUpperCase(Locale.ROOT)), reason);
    }

    @Override
    public String httpScheme() {
        return scheme;
    }
}
