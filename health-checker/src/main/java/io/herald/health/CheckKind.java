package io.herald.health;

import java.util.Locale;

/** What a check does; the lower-case name is used in config, JSON and metric tags. */
public enum CheckKind {
    /** Connects to a TCP port and closes again. */
    TCP,
    /** GETs an HTTP or HTTPS URL: 2xx/3xx pass, 429 warning, anything else critical. */
    HTTP,
    /** Runs a command: exit 0 pass, 1 warning, anything else (or a timeout) critical. */
    EXEC,
    /** The instance reports its own status; critical when no report arrives within the TTL. */
    TTL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
