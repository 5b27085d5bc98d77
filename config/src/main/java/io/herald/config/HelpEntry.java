package io.herald.config;

import java.util.List;

/**
 * One key as a module read it, for {@code --help}.
 *
 * @param key          full dotted key; "services[].name" for keys inside YAML lists of maps
 * @param type         e.g. "integer 0..65535", "duration", "list"
 * @param defaultValue the default as it would be written, "" when there is none
 * @param flags        the flag and its aliases; empty for keys that only the config file can set
 * @param env          the environment variable, or null for keys that only the config file can set
 */
public record HelpEntry(String key, String type, String defaultValue, String doc, List<String> flags, String env) {
    public HelpEntry {
        flags = List.copyOf(flags);
    }
}
