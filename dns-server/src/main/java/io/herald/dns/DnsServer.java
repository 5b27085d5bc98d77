package io.herald.dns;

import io.herald.config.naming.NamingConfig;
import io.herald.core.CatalogStore;
import io.herald.dns.forward.ForwardConfig;
import io.herald.dns.forward.Forwarder;
import io.herald.dns.index.IndexPublisher;
import io.herald.dns.index.ZoneIndex;
import io.herald.dns.index.ZoneIndexBuilder;
import io.herald.dns.server.DnsTransports;
import io.herald.ttl.TtlPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * Herald's DNS server: authoritative for the service zones, forwarding for everything else. The entry type of
 * the dns-server module; build it with {@link #start}, stop it with {@link #close()}.
 */
public final class DnsServer implements AutoCloseable {
    private final IndexPublisher index;
    private final DnsTransports transports;

    private DnsServer(IndexPublisher index, DnsTransports transports) {
        this.index = index;
        this.transports = transports;
    }

    /** Builds the first index, binds UDP and TCP on the same port (both or neither), and starts serving. */
    public static DnsServer start(DnsConfig dns, ForwardConfig forward, NamingConfig naming, TtlPolicy ttl,
                                  CatalogStore store, MeterRegistry registry) {
        ZoneIndexBuilder builder = new ZoneIndexBuilder(naming, ttl, List.of(dns.nsAddress()),
                Instant.now().getEpochSecond());
        IndexPublisher index = new IndexPublisher(store, builder, ttl, registry);
        Forwarder forwarder = forward.enabled() ? new Forwarder(forward, registry) : null;
        try {
            DnsTransports transports = DnsTransports.bind(dns, forward, index, forwarder, registry);
            return new DnsServer(index, transports);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** The port UDP and TCP are bound on. */
    public int port() {
        return transports.port();
    }

    public InetSocketAddress address() {
        return transports.address();
    }

    /** The record-set snapshot currently served. */
    public ZoneIndex currentIndex() {
        return index.current();
    }

    @Override
    public void close() {
        transports.close();
        index.close();
    }
}
