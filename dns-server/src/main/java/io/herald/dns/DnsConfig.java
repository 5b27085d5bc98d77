package io.herald.dns;

import io.herald.config.Section;
import java.net.InetAddress;
import java.time.Duration;

/**
 * The {@code dns} section: where Herald listens and how it sizes replies.
 *
 * @param address         listen address for UDP and TCP (the same port on both)
 * @param port            0 picks a free port (tests)
 * @param nsAddress       address published for {@code ns.<zone>}; the listen address unless that is a wildcard
 * @param tcpIdleTimeout  an idle TCP connection is closed after this (RFC 7766 6.2.3)
 * @param maxUdpPayload   the largest UDP reply with EDNS, whatever the client offers (1232 avoids fragmentation)
 */
public record DnsConfig(InetAddress address, int port, InetAddress nsAddress, Duration tcpIdleTimeout, int maxUdpPayload) {

    public static DnsConfig from(Section root) {
        Section s = root.section("dns");
        InetAddress address = s.address("address", "127.0.0.1", "address to serve DNS on (UDP and TCP)");
        int port = s.integer("port", 8600, 0, 65535, "DNS port, UDP and TCP; 0 picks a free one");
        String nsDefault = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        InetAddress ns = s.address("ns_address", nsDefault, "address published for ns.<zone> (default: dns.address)");
        Duration idle = s.duration("tcp_idle_timeout", Duration.ofSeconds(10), Duration.ofMillis(100),
                Duration.ofMinutes(10), "close idle DNS-over-TCP connections after this");
        int payload = s.integer("max_udp_payload", 1232, 512, 4096, "largest UDP reply with EDNS0, in bytes");
        return new DnsConfig(address, port, ns, idle, payload);
    }

    /** Loopback on port 0 with defaults, for tests. */
    public static DnsConfig loopback() {
        return new DnsConfig(InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), Duration.ofSeconds(10), 1232);
    }
}
