package io.herald.gossip;

import io.herald.config.ConfigException;
import io.herald.config.Section;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster} section: whether this node gossips, where it listens, whom it joins, and the protocol
 * timings. Timings default to the chosen {@link ClusterProfile}; any knob set explicitly wins over the profile.
 *
 * @param enabled whether this node joins a cluster at all (a disabled node serves only its own instances)
 * @param address the address the cluster listener binds to and advertises (never a wildcard: peers dial it)
 * @param port    the TCP (requests) and UDP (gossip) port of the cluster listener
 * @param join    seeds to join; this node's own address may be listed (it is skipped), so one list fits all nodes
 */
public record ClusterConfig(
        boolean enabled,
        InetAddress address,
        int port,
        List<Seed> join,
        ClusterProfile profile,
        Timings timings) {

    public static final int DEFAULT_PORT = 7946;
    public static final String DEFAULT_ADDRESS = "127.0.0.1";

    public ClusterConfig {
        Objects.requireNonNull(address, "address");
        if (address.isAnyLocalAddress()) {
            throw new ConfigException("cluster.address", "must be an address peers can reach, not the wildcard "
                    + address.getHostAddress() + "; set it to this host's cluster-facing IP");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("cluster.port", "must be from 1 to 65535, got " + port);
        }
        join = List.copyOf(join == null ? List.of() : join);
        profile = profile == null ? ClusterProfile.LAN : profile;
        timings = timings == null ? profile.timings() : timings;
    }

    /** Reads the {@code cluster} section of the configuration root. */
    public static ClusterConfig from(Section root) {
        Section s = root.section("cluster");
        boolean enabled = s.bool("enabled", false,
                "join a Herald cluster and share instances with its members");
        InetAddress address = s.address("address", DEFAULT_ADDRESS,
                "address the cluster listener binds to and advertises to peers");
        int port = s.integer("port", DEFAULT_PORT, 1, 65535, "cluster port (TCP requests and UDP gossip)");
        List<Seed> join = s.values("join", List.of(), "host:port",
                "seeds to join, host:port (a bare host gets cluster.port); also --join", t -> Seed.parse(t, port));
        ClusterProfile profile = ClusterProfile.parse(s.oneOf("profile", "lan", List.of("lan", "wan", "local"),
                "timing defaults: lan (one data centre), wan (x5 durations, +1 counts), local (/2 durations)"));
        Timings d = profile.timings();
        Timings timings = new Timings(
                s.duration("probe_interval", d.probeInterval(), Timings.MIN_PROBE, Timings.MAX_PROBE,
                        "how often one member is probed"),
                s.duration("probe_timeout", d.probeTimeout(), Timings.MIN_PROBE, Timings.MAX_PROBE,
                        "time a direct probe may take before indirect probes are asked for"),
                s.integer("suspect_probes", d.suspectProbes(), 1, Timings.MAX_SUSPECT_PROBES,
                        "probes (direct + indirect) that must fail before a member is suspected"),
                s.duration("failure_timeout", d.failureTimeout(), Timings.MIN_FAILURE, Timings.MAX_FAILURE,
                        "time a suspected member has to refute before it is removed"),
                s.duration("gossip_interval", d.gossipInterval(), Timings.MIN_GOSSIP, Timings.MAX_GOSSIP,
                        "how often membership updates are gossiped"),
                s.integer("gossip_fanout", d.gossipFanout(), 1, Timings.MAX_FANOUT,
                        "members each gossip round goes to"),
                s.duration("rejoin_interval", d.rejoinInterval(), Timings.MIN_REJOIN, Timings.MAX_REJOIN,
                        "how often seeds that are not members are contacted again and member lists are swapped with one member"),
                s.duration("request_timeout", d.requestTimeout(), Timings.MIN_REQUEST, Timings.MAX_REQUEST,
                        "deadline of each cluster request, connecting included"));
        return new ClusterConfig(enabled, address, port, join, profile, timings);
    }

    /** Builder for code and tests; unset knobs come from the profile. */
    public static Builder builder() {
        return new Builder();
    }

    /** An enabled node on 127.0.0.1 with the given port and seeds (tests, the test node runner). */
    public static ClusterConfig forTest(int port, List<Seed> join) {
        return builder().enabled(true).address("127.0.0.1").port(port).join(join).build();
    }

    public String advertisedAddress() {
        return address.getHostAddress();
    }

    public static final class Builder {
        private boolean enabled;
        private InetAddress address = literal(DEFAULT_ADDRESS);
        private int port = DEFAULT_PORT;
        private List<Seed> join = List.of();
        private ClusterProfile profile = ClusterProfile.LAN;
        private Duration probeInterval;
        private Duration probeTimeout;
        private Integer suspectProbes;
        private Duration failureTimeout;
        private Duration gossipInterval;
        private Integer gossipFanout;
        private Duration rejoinInterval;
        private Duration requestTimeout;

        private Builder() {}

        public Builder enabled(boolean v) { enabled = v; return this; }
        public Builder address(String ipLiteral) { address = literal(ipLiteral); return this; }
        public Builder address(InetAddress v) { address = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder join(List<Seed> v) { join = v; return this; }
        public Builder profile(ClusterProfile v) { profile = v; return this; }
        public Builder probeInterval(Duration v) { probeInterval = v; return this; }
        public Builder probeTimeout(Duration v) { probeTimeout = v; return this; }
        public Builder suspectProbes(int v) { suspectProbes = v; return this; }
        public Builder failureTimeout(Duration v) { failureTimeout = v; return this; }
        public Builder gossipInterval(Duration v) { gossipInterval = v; return this; }
        public Builder gossipFanout(int v) { gossipFanout = v; return this; }
        public Builder rejoinInterval(Duration v) { rejoinInterval = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }

        public ClusterConfig build() {
            Timings d = (profile == null ? ClusterProfile.LAN : profile).timings();
            Timings t = new Timings(
                    probeInterval != null ? probeInterval : d.probeInterval(),
                    probeTimeout != null ? probeTimeout : d.probeTimeout(),
                    suspectProbes != null ? suspectProbes : d.suspectProbes(),
                    failureTimeout != null ? failureTimeout : d.failureTimeout(),
                    gossipInterval != null ? gossipInterval : d.gossipInterval(),
                    gossipFanout != null ? gossipFanout : d.gossipFanout(),
                    rejoinInterval != null ? rejoinInterval : d.rejoinInterval(),
                    requestTimeout != null ? requestTimeout : d.requestTimeout());
            return new ClusterConfig(enabled, address, port, join, profile, t);
        }

        /** Parses an IP literal without ever resolving a name. */
        private static InetAddress literal(String ip) {
            try {
                if (ip != null && ip.indexOf(':') >= 0) {
                    return InetAddress.getByName(ip.startsWith("[") ? ip : "[" + ip + "]");
                }
                String[] parts = ip == null ? new String[0] : ip.split("\\.", -1);
                if (parts.length == 4) {
                    byte[] b = new byte[4];
                    for (int i = 0; i < 4; i++) {
                        int v = Integer.parseInt(parts[i]);
                        if (v < 0 || v > 255 || parts[i].isEmpty()) {
                            throw new NumberFormatException();
                        }
                        b[i] = (byte) v;
                    }
                    return InetAddress.getByAddress(b);
                }
            } catch (UnknownHostException | NumberFormatException e) {
                // fall through to the error below
            }
            throw new ConfigException("cluster.address", "must be an IPv4 or IPv6 literal, got '" + ip + "'");
        }
    }
}
