package io.herald.dns.forward;

import io.herald.config.Section;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code forward} section: how names outside Herald's zones are answered.
 *
 * @param allowedNetworks clients allowed to use forwarding (CIDRs); never an open resolver by default
 */
public record ForwardConfig(
        boolean enabled,
        List<InetSocketAddress> upstreams,
        List<Network> allowedNetworks,
        Duration timeout,
        long cacheMaxEntries,
        Duration cacheMaxTtl) {

    /** Loopback, RFC 1918, RFC 6598 shared, RFC 2544 benchmark, link-local, and IPv6 ULA/link-local. */
    public static final List<String> PRIVATE_NETWORKS = List.of("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12",
            "192.168.0.0/16", "100.64.0.0/10", "198.18.0.0/15", "169.254.0.0/16", "::1/128", "fc00::/7", "fe80::/10");

    public ForwardConfig {
        upstreams = List.copyOf(upstreams);
        allowedNetworks = List.copyOf(allowedNetworks);
    }

    public static ForwardConfig from(Section root) {
        Section s = root.section("forward");
        boolean enabled = s.bool("enabled", true, "forward names outside Herald's zones to upstream resolvers");
        List<String> up = s.strings("upstreams", List.of(),
                "upstream resolvers as ip or ip:port ([v6]:port); default: nameservers of /etc/resolv.conf at startup");
        List<InetSocketAddress> upstreams = new ArrayList<>();
        for (String u : up) {
            try {
                upstreams.add(HostPort.parse(u, 53));
            } catch (IllegalArgumentException e) {
                throw s.error("upstreams", e.getMessage() + "; use ip or ip:port, e.g. 127.0.0.53:53");
            }
        }
        if (upstreams.isEmpty()) {
            upstreams.addAll(ResolvConf.nameservers(Path.of("/etc/resolv.conf")));
        }
        List<String> nets = s.strings("allowed_networks", PRIVATE_NETWORKS,
                "client networks allowed to use forwarding (others get REFUSED)");
        List<Network> allowed = new ArrayList<>();
        for (String n : nets) {
            try {
                allowed.add(Network.parse(n));
            } catch (IllegalArgumentException e) {
                throw s.error("allowed_networks", e.getMessage() + "; use CIDR notation, e.g. 10.0.0.0/8 or fc00::/7");
            }
        }
        Duration timeout = s.duration("timeout", Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofSeconds(30),
                "give up on an upstream answer after this (client gets SERVFAIL)");
        long max = s.longValue("cache_max_entries", 10_000, 0, 10_000_000, "forwarded answers kept in the cache");
        Duration maxTtl = s.duration("cache_max_ttl", Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1),
                "cap on how long a forwarded answer is cached");
        if (enabled && upstreams.isEmpty()) {
            throw s.error("upstreams", "forwarding is on but no upstream is set and /etc/resolv.conf lists none; "
                    + "set forward.upstreams or forward.enabled=false");
        }
        return new ForwardConfig(enabled, upstreams, allowed, timeout, max, maxTtl);
    }

    public static ForwardConfig disabled() {
        return new ForwardConfig(false, List.of(), List.of(), Duration.ofSeconds(2), 0, Duration.ZERO);
    }

    public static ForwardConfig to(InetSocketAddress upstream) {
        List<Network> nets = PRIVATE_NETWORKS.stream().map(Network::parse).toList();
        return new ForwardConfig(true, List.of(upstream), nets, Duration.ofSeconds(2), 10_000, Duration.ofMinutes(5));
    }

    public boolean allows(InetAddress client) {
        if (client == null) {
            return false;
        }
        for (Network n : allowedNetworks) {
            if (n.contains(client)) {
                return true;
            }
        }
        return false;
    }
}
