package io.herald.config;

/**
 * A configuration value that is missing, malformed or out of range. The message always starts with the key
 * (for example {@code dns.port}) and says what is allowed, so it can be shown to the operator as it is.
 */
public class ConfigException extends RuntimeException {
    private final String key;
    private final String reason;

    public ConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
        this.reason = reason;
    }

    public String key() {
        return key;
    }

    /** The message without the leading key. */
    public String reason() {
        return reason;
    }
}
