package io.herald.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, validated access to one part of Herald's layered configuration (YAML file, then HERALD_* environment
 * variables, then command-line flags; later layers win). Every accessor names its full key in errors, e.g.
 * {@code dns.port: must be an integer from 0 to 65535, got 'abc' (from --dns-port)}, and records the key, its
 * default and its doc for {@code --help}.
 *
 * <p>A scalar key {@code dns.tcp_idle_timeout} can be set as YAML {@code dns: {tcp_idle_timeout: 10s}}, as the
 * environment variable {@code HERALD_DNS_TCP_IDLE_TIMEOUT=10s} or as the flag {@code --dns-tcp-idle-timeout=10s}
 * (or {@code --dns-tcp-idle-timeout 10s}). Lists may be given comma-separated in environment variables and flags.
 * Maps and lists of maps ({@link #keys()}, {@link #list(String, String)}) come only from the YAML file.
 *
 * <p>Each module owns the typed record of its section and a static {@code from(Section)} factory that reads it;
 * unread YAML keys and unknown flags are reported by the loader as errors, so typos never pass silently.
 */
public interface Section {

    /** Full dotted path of this section ("" for the root, "dns", "services[2]"). */
    String path();

    /** A nested section (empty when absent). */
    Section section(String name);

    /**
     * Child keys present in this section (from any layer), in file order; for maps keyed by user names. Names that
     * only environment variables or flags mention follow, hyphenated ({@code HERALD_NAMING_ENVIRONMENTS_STAGING_EU}
     * under {@code naming.environments} gives "staging-eu").
     */
    Set<String> keys();

    boolean has(String key);

    String string(String key, String def, String doc);

    /** A required string: missing gives "KEY: is required (DOC)". */
    String requiredString(String key, String doc);

    int integer(String key, int def, int min, int max, String doc);

    long longValue(String key, long def, long min, long max, String doc);

    boolean bool(String key, boolean def, String doc);

    /** Durations as "250ms", "5s", "2m", "1h", or a bare integer of seconds. */
    Duration duration(String key, Duration def, Duration min, Duration max, String doc);

    /** An IPv4 or IPv6 literal (never a host name lookup). */
    InetAddress address(String key, String def, String doc);

    /** A list of strings: YAML sequence, or comma-separated in env/flags. */
    List<String> strings(String key, List<String> def, String doc);

    /** A YAML sequence of maps, each as a section with path "key[i]". */
    List<Section> list(String key, String doc);

    /** A value with an allowed set, e.g. profile: lan|wan|local. */
    String oneOf(String key, String def, List<String> allowed, String doc);

    /**
     * A value of a module's own type, read like {@link #string} and converted by {@code parse}, which throws
     * {@link IllegalArgumentException} (or {@link ConfigException}) saying what is wrong and what is allowed; the
     * error then names the key, the value and where it came from. {@code def} is text parsed the same way (null:
     * no default, the result is null when the key is absent).
     *
     * @param type short name of the type for {@code --help}, e.g. "DNS label"
     */
    default <T> T value(String key, String def, String type, String doc, Function<String, T> parse) {
        String text = string(key, def, doc);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException | ConfigException e) {
            String reason = e instanceof ConfigException c ? c.reason() : e.getMessage();
            throw error(key, reason + ", got '" + text + "'");
        }
    }

    /** A list like {@link #strings} whose items are converted by {@code parse}, as in {@link #value}. */
    default <T> List<T> values(String key, List<String> def, String type, String doc, Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        for (String text : strings(key, def, doc)) {
            try {
                out.add(parse.apply(text));
            } catch (IllegalArgumentException | ConfigException e) {
                String reason = e instanceof ConfigException c ? c.reason() : e.getMessage();
                throw error(key, reason + ", got '" + text + "'");
            }
        }
        return List.copyOf(out);
    }

    /** One DNS label (letters, digits, inner hyphens, at most 63), lower-cased; checked with {@code Labels}. */
    default String label(String key, String def, String doc) {
        return value(key, def, "DNS label", doc, ValueParsers::label);
    }

    /** A list of CIDR blocks such as "10.0.0.0/8, ::1/128"; a bare address is a single host. */
    default List<Cidr> cidrs(String key, List<String> def, String doc) {
        return Cidr.list(this, key, def, doc);
    }

    /**
     * A map of user-chosen names to lists of strings, e.g. {@code naming.environments: {prod: [a, b]}}; each list is
     * read as {@link #strings}. Returns {@code def} when the key is absent from every layer.
     */
    default Map<String, List<String>> stringLists(String key, Map<String, List<String>> def, String doc) {
        if (!has(key)) {
            return def;
        }
        Section map = section(key);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : map.keys()) {
            out.put(name, map.strings(name, List.of(), doc));
        }
        return out;
    }

    /** An error about a key of this section, for checks across several keys. */
    default ConfigException error(String key, String reason) {
        return new ConfigException(path().isEmpty() ? key : path() + "." + key, reason);
    }
}
