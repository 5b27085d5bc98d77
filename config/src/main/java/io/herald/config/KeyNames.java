package io.herald.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a dotted key is spelled in the other layers: {@code dns.tcp_idle_timeout} is the environment variable
 * {@code HERALD_DNS_TCP_IDLE_TIMEOUT} and the flag {@code --dns-tcp-idle-timeout}. Lookups always go from the key
 * to these names, never back, so underscores inside a key are never confused with nesting.
 */
final class KeyNames {
    static final String ENV_PREFIX = "HERALD_";
    /** Short flags for keys typed often. */
    static final Map<String, List<String>> ALIASES = Map.of(
            "dns.domain", List.of("--domain"),
            "cluster.join", List.of("--join"));

    private KeyNames() {}

    static String env(String key) {
        return ENV_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    static String flag(String key) {
        return "--" + key.replace('.', '-').replace('_', '-');
    }

    /** The canonical flag, then any aliases. */
    static List<String> flags(String key) {
        List<String> out = new ArrayList<>();
        out.add(flag(key));
        out.addAll(ALIASES.getOrDefault(key, List.of()));
        return out;
    }

    /** One spelling for comparing names from different layers: upper case, every separator an underscore. */
    static String fold(String name) {
        return name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
