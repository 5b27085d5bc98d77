package io.herald.core;

/** Health of one instance, worst last. Ordinal order is used to pick the worse of two states. */
public enum Health {
    PASSING,
    WARNING,
    CRITICAL;

    public Health worse(Health other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Lower-case form used on the wire (JSON, gossip) and in config. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Health parse(String text) {
        for (Health h : values()) {
            if (h.wireName().equalsIgnoreCase(text)) {
                return h;
            }
        }
        throw new IllegalArgumentException("health must be one of passing, warning, critical, got '" + text + "'");
    }
}
