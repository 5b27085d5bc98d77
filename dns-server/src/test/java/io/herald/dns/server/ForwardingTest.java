package io.herald.dns.server;

import static io.herald.dns.Fixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.naming.NamingConfig;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.dns.DnsConfig;
import io.herald.dns.DnsServer;
import io.herald.dns.Fixtures;
import io.herald.dns.forward.ForwardConfig;
import io.herald.dns.forward.Network;
import io.herald.ttl.TtlPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Forwarding to a second DNS server started by the test (another Herald, authoritative for "example"), never
 * to the machine's own resolver.
 */
class ForwardingTest {
    private DnsServer upstream;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void startUpstream() {
        CatalogStore store = new CatalogStore("upstream");
        store.register(instance("www", "prod", "www-1", "198.18.7.7", 80, Health.PASSING));
        NamingConfig example = NamingConfig.of("example", Map.of("prod", List.of("{service}.{domain}")),
                NamingConfig.DEFAULT_TEMPLATES);
        upstream = DnsServer.start(DnsConfig.loopback(), ForwardConfig.disabled(), example, TtlPolicy.fixed(60, 60),
                store, new SimpleMeterRegistry());
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stopUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private InetSocketAddress upstreamAddress() {
        return new InetSocketAddress("127.0.0.1", upstream.port());
    }

    private DnsServer herald(ForwardConfig forward) {
        return DnsServer.start(DnsConfig.loopback(), forward, NamingConfig.defaults(), TtlPolicy.fixed(5, 30),
                Fixtures.store(), registry);
    }

    @Test
    void namesOutsideTheDomainAreForwardedAndCached() throws Exception {
        try (DnsServer herald = herald(ForwardConfig.to(upstreamAddress()))) {
            DnsClient client = new DnsClient(new InetSocketAddress("127.0.0.1", herald.port()));
            for (boolean tcp : new boolean[] {false, true}) {
                Message m = client.query("www.example", Type.A, tcp, 0);
                assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
                assertThat(m.getHeader().getFlag(Flags.AA)).as("forwarded answers are not authoritative").isFalse();
                assertThat(m.getSection(Section.ANSWER)).singleElement()
                        .extracting(r -> ((ARecord) r).getAddress().getHostAddress()).isEqualTo("198.18.7.7");
            }
            Message nx = client.udp("missing.example", Type.A);
            assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);

            // Local names are still answered locally, with RA set because forwarding is on.
            Message local = client.udp("web.prod.service", Type.A);
            assertThat(local.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(local.getHeader().getFlag(Flags.RA)).isTrue();

            upstream.close();
            upstream = null;
            Message cached = client.udp("www.example", Type.A);
            assertThat(cached.getSection(Section.ANSWER)).as("served from the cache with the upstream gone").hasSize(1);
            assertThat(cached.getSection(Section.ANSWER).get(0).getTTL()).isBetween(55L, 60L);
            assertThat(registry.get("herald.forward.cache").tag("result", "hit").counter().count()).isGreaterThan(0);
        }
    }

    @Test
    void upstreamFailureIsServfail() throws Exception {
        InetSocketAddress dead = upstreamAddress();
        upstream.close();
        upstream = null;
        ForwardConfig forward = new ForwardConfig(true, List.of(dead), ForwardConfig.to(dead).allowedNetworks(),
                Duration.ofMillis(300), 100, Duration.ofMinutes(1));
        try (DnsServer herald = herald(forward)) {
            DnsClient client = new DnsClient(new InetSocketAddress("127.0.0.1", herald.port()));
            assertThat(client.udp("www.example", Type.A).getRcode()).isEqualTo(Rcode.SERVFAIL);
        }
    }

    @Test
    void clientsOutsideTheAllowedNetworksAreRefused() throws Exception {
        ForwardConfig onlyTen = new ForwardConfig(true, List.of(upstreamAddress()), List.of(Network.parse("10.0.0.0/8")),
                Duration.ofSeconds(2), 100, Duration.ofMinutes(1));
        try (DnsServer herald = herald(onlyTen)) {
            DnsClient client = new DnsClient(new InetSocketAddress("127.0.0.1", herald.port()));
            assertThat(client.udp("www.example", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(client.udp("web.prod.service", Type.A).getSection(Section.ANSWER))
                    .as("local names are answered for everyone").hasSize(2);
        }
    }
}
