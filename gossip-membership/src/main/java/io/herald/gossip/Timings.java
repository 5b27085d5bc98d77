package io.herald.gossip;

import io.herald.config.ConfigException;
import java.time.Duration;

/**
 * The SWIM and catalogue-exchange timings of one node. Every knob has a range; values outside it are refused
 * with the key that holds them, so a typo such as {@code probe_timeout: 0s} never reaches the protocol.
 *
 * @param probeInterval  how often this node probes one member (round robin)
 * @param probeTimeout   how long a direct probe may take before indirect probes are asked for
 * @param suspectProbes  members asked to probe indirectly, plus the direct probe (1 = no indirect probes)
 * @param failureTimeout how long a member stays suspect before it is declared failed and removed
 * @param gossipInterval how often pending membership updates are gossiped
 * @param gossipFanout   members each gossip round is sent to
 * @param rejoinInterval how often seeds that are not members are contacted again and member lists are swapped
 *                       with one random member (heals partitions and lost gossip)
 * @param requestTimeout deadline of every cluster request, connecting included (catalogue pulls, leave notices)
 */
public record Timings(
        Duration probeInterval,
        Duration probeTimeout,
        int suspectProbes,
        Duration failureTimeout,
        Duration gossipInterval,
        int gossipFanout,
        Duration rejoinInterval,
        Duration requestTimeout) {

    static final Duration MIN_PROBE = Duration.ofMillis(10);
    static final Duration MAX_PROBE = Duration.ofMinutes(1);
    static final Duration MIN_FAILURE = Duration.ofMillis(50);
    static final Duration MAX_FAILURE = Duration.ofMinutes(10);
    static final Duration MIN_GOSSIP = Duration.ofMillis(10);
    static final Duration MAX_GOSSIP = Duration.ofMinutes(1);
    static final Duration MIN_REJOIN = Duration.ofMillis(100);
    static final Duration MAX_REJOIN = Duration.ofHours(1);
    static final Duration MIN_REQUEST = Duration.ofMillis(10);
    static final Duration MAX_REQUEST = Duration.ofMinutes(1);
    static final int MAX_SUSPECT_PROBES = 16;
    static final int MAX_FANOUT = 32;

    public Timings {
        check("probe_interval", probeInterval, MIN_PROBE, MAX_PROBE);
        check("probe_timeout", probeTimeout, MIN_PROBE, MAX_PROBE);
        check("failure_timeout", failureTimeout, MIN_FAILURE, MAX_FAILURE);
        check("gossip_interval", gossipInterval, MIN_GOSSIP, MAX_GOSSIP);
        check("rejoin_interval", rejoinInterval, MIN_REJOIN, MAX_REJOIN);
        check("request_timeout", requestTimeout, MIN_REQUEST, MAX_REQUEST);
        check("suspect_probes", suspectProbes, 1, MAX_SUSPECT_PROBES);
        check("gossip_fanout", gossipFanout, 1, MAX_FANOUT);
    }

    /** How often every live member's catalogue version is compared with what this node applied (repairs lost pushes). */
    /**
     * How long, at worst, until a dead member is suspected and its instances hidden: one probe round to pick it,
     * the probe and its indirect probes timing out, and one gossip round to spread the verdict. The TTL policy's
     * staleness budget counts this as membership detection.
     */
    public Duration suspicionTime() {
        return probeInterval.plus(probeTimeout.multipliedBy(suspectProbes + 1L)).plus(gossipInterval);
    }

    public Duration repairInterval() {
        return gossipInterval.multipliedBy(10);
    }

    /** Every duration multiplied by {@code factor}, counts changed by {@code countDelta} (never below 1). */
    Timings scaled(double factor, int countDelta) {
        return new Timings(
                scale(probeInterval, factor),
                scale(probeTimeout, factor),
                Math.max(1, suspectProbes + countDelta),
                scale(failureTimeout, factor),
                scale(gossipInterval, factor),
                Math.max(1, gossipFanout + countDelta),
                scale(rejoinInterval, factor),
                scale(requestTimeout, factor));
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }

    private static void check(String key, Duration value, Duration min, Duration max) {
        if (value == null) {
            throw new ConfigException("cluster." + key, "is required");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException("cluster." + key, "must be from " + text(min) + " to " + text(max)
                    + ", got " + text(value));
        }
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException("cluster." + key, "must be from " + min + " to " + max + ", got " + value);
        }
    }

    static String text(Duration d) {
        return io.herald.config.Durations.format(d);
    }
}
