package io.herald.health;

import io.herald.core.InvalidFieldException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A check definition as a JSON-like map. Keys match case-insensitively with optional underscores, so both
 * {@code deregister_after} and Consul's {@code DeregisterCriticalServiceAfter} work.
 */
final class MapFields implements CheckFields {
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        for (String k : CheckSpecParser.KIND_KEYS) {
            ALIASES.put(normal(k), k);
        }
        for (String k : CheckSpecParser.KNOB_KEYS) {
            ALIASES.put(normal(k), k);
        }
        ALIASES.put("script", "exec");
        ALIASES.put("status", "initial_status");
        ALIASES.put("checkid", "id");
        ALIASES.put("deregistercriticalserviceafter", "deregister_after");
        // Consul clients send these; they carry no meaning for Herald's checks.
        ALIASES.put("name", "");
        ALIASES.put("notes", "");
    }

    private final String field;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, String> spelled = new HashMap<>();

    MapFields(Map<String, ?> json, String field) {
        this.field = field;
        if (json == null) {
            throw new InvalidFieldException(field, "must be an object such as {\"http\": \"http://10.0.0.5:8080/health\", \"interval\": \"10s\"}");
        }
        json.forEach((key, value) -> {
            String canonical = ALIASES.get(normal(key));
            if (canonical == null) {
                throw new InvalidFieldException(path(key), "unknown check key; use one of tcp, http, args, exec, ttl, "
                        + String.join(", ", CheckSpecParser.KNOB_KEYS));
            }
            if (canonical.isEmpty() || value == null) {
                return;
            }
            String earlier = spelled.put(canonical, key);
            if (earlier != null) {
                throw new InvalidFieldException(path(key), "given twice (also as '" + earlier + "')");
            }
            values.put(canonical, value);
        });
    }

    private static String normal(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private String path(String key) {
        return field == null || field.isEmpty() ? key : field + "." + key;
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    @Override
    public String string(String key) {
        Object v = values.get(key);
        if (v instanceof Map || v instanceof List) {
            throw error(key, "must be a single value, got " + v);
        }
        return String.valueOf(v);
    }

    @Override
    public List<String> strings(String key) {
        Object v = values.get(key);
        if (!(v instanceof List<?> list)) {
            throw error(key, "must be a list of strings such as [\"/usr/bin/check\", \"--quick\"]"
                    + ("args".equals(key) ? "; use exec for a shell command line" : ""));
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map || o instanceof List || o == null) {
                throw error(key, "items must be strings, got " + o);
            }
            out.add(String.valueOf(o));
        }
        return out;
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
        Object v = values.get(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number, got '" + v + "'");
        }
    }

    @Override
    public boolean bool(String key, boolean def) {
        if (!has(key)) {
            return def;
        }
        Object v = values.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw error(key, "must be true or false, got '" + v + "'");
    }

    @Override
    public RuntimeException error(String key, String reason) {
        return new InvalidFieldException(path(spelled.getOrDefault(key, key)), reason);
    }
}
