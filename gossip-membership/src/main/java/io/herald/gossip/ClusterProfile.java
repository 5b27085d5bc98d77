package io.herald.gossip;

import java.time.Duration;
import java.util.Locale;

/**
 * Default timings for a kind of network, in the manner of memberlist's LAN/WAN/local configurations. {@link #LAN}
 * is the base; the others are derived from it by one documented rule each, so the three never drift apart.
 */
public enum ClusterProfile {
    /**
     * One data centre. Detects a killed member (unreachable) within about one second on an idle link and removes it
     * about one failure timeout later, without false suspicion in a quiet five-node cluster.
     */
    LAN,
    /** Across data centres: every duration × 5, suspect_probes and gossip_fanout + 1. */
    WAN,
    /** One host (tests, demos): every duration ÷ 2, counts unchanged. Aggressive: expect false suspicion under load. */
    LOCAL;

    static final Timings LAN_TIMINGS = new Timings(
            Duration.ofMillis(200),   // probe_interval
            Duration.ofMillis(200),   // probe_timeout
            2,                        // suspect_probes: one indirect probe besides the direct one
            Duration.ofSeconds(1),    // failure_timeout
            Duration.ofMillis(100),   // gossip_interval
            3,                        // gossip_fanout
            Duration.ofSeconds(5),    // rejoin_interval
            Duration.ofSeconds(1));   // request_timeout

    public static final double WAN_SCALE = 5.0;
    public static final int WAN_COUNT_DELTA = 1;
    public static final double LOCAL_SCALE = 0.5;

    public Timings timings() {
        return switch (this) {
            case LAN -> LAN_TIMINGS;
            case WAN -> LAN_TIMINGS.scaled(WAN_SCALE, WAN_COUNT_DELTA);
            case LOCAL -> LAN_TIMINGS.scaled(LOCAL_SCALE, 0);
        };
    }

    /** The name used in configuration ({@code lan}, {@code wan}, {@code local}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClusterProfile parse(String name) {
        for (ClusterProfile p : values()) {
            if (p.configName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new io.herald.config.ConfigException("cluster.profile",
                "must be one of lan, wan, local, got '" + name + "'");
    }
}
