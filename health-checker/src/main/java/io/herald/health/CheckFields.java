package io.herald.health;

import java.time.Duration;
import java.util.List;

/**
 * The keys of one check definition, wherever it came from (config section, JSON object, container metadata).
 * Keys are the canonical snake_case names; each source maps its own spelling and names its own field in errors.
 */
interface CheckFields {

    boolean has(String key);

    String string(String key);

    List<String> strings(String key);

    Duration duration(String key, Duration def);

    int integer(String key, int def);

    boolean bool(String key, boolean def);

    /** An error about {@code key} in the source's own terms (a ConfigException for config, else InvalidFieldException). */
    RuntimeException error(String key, String reason);

    /** Scheme for a relative {@code http} path such as "/health". */
    default String httpScheme() {
        return "http";
    }
}
