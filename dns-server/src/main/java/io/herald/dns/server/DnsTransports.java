package io.herald.dns.server;

import io.herald.dns.DnsConfig;
import io.herald.dns.forward.ForwardConfig;
import io.herald.dns.forward.Forwarder;
import io.herald.dns.index.IndexPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;
import reactor.netty.udp.UdpServer;

/** The UDP and TCP listeners, bound with reactor-netty on one port; the shared Netty handlers do the work. */
public final class DnsTransports implements AutoCloseable {
    private static final int MAX_BIND_ATTEMPTS = 10;
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

    private final Connection udp;
    private final DisposableServer tcp;

    private DnsTransports(Connection udp, DisposableServer tcp) {
        this.udp = udp;
        this.tcp = tcp;
    }

    public static DnsTransports bind(DnsConfig dns, ForwardConfig forward, IndexPublisher index, Forwarder forwarder,
                                     MeterRegistry registry) {
        QueryProcessor processor = new QueryProcessor(index, forwarder, forward, dns, new DnsMetrics(registry));
        UdpQueryHandler udpHandler = new UdpQueryHandler(processor);
        TcpQueryHandler tcpHandler = new TcpQueryHandler(processor);
        long idleMillis = dns.tcpIdleTimeout().toMillis();
        RuntimeException last = null;
        // With port 0 the UDP port is picked first and TCP must get the same number; retry if it is taken.
        for (int attempt = 0; attempt < (dns.port() == 0 ? MAX_BIND_ATTEMPTS : 1); attempt++) {
            Connection udp = bindUdp(dns, udpHandler);
            int port = ((InetSocketAddress) udp.address()).getPort();
            try {
                DisposableServer tcp = TcpServer.create()

                        .bindAddress(() -> new InetSocketAddress(dns.address(), port))
                        .doOnConnection(c -> c
                                .addHandlerLast("herald-dns-frame", new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2))
                                .addHandlerLast("herald-dns-tcp", tcpHandler)
                                .onReadIdle(idleMillis, c::dispose))
                        .doOnConnection(c -> c.channel().config().setAutoRead(true))
                        .bindNow(BIND_TIMEOUT);
                return new DnsTransports(udp, tcp);
            } catch (RuntimeException e) {
                udp.disposeNow();
                last = cannotListen(dns.address().getHostAddress() + ":" + port + " (TCP)", e);
            }
        }
        throw last;
    }

    private static Connection bindUdp(DnsConfig dns, UdpQueryHandler handler) {
        try {
            return UdpServer.create()
                    .bindAddress(() -> new InetSocketAddress(dns.address(), dns.port()))
                    .doOnBound(c -> {
                        c.addHandlerLast("herald-dns-udp", handler);
                        // reactor-netty reads on demand of a subscriber; our handler consumes every datagram itself.
                        c.channel().config().setAutoRead(true);
                    })
                    .bindNow(BIND_TIMEOUT);
        } catch (RuntimeException e) {
            throw cannotListen(dns.address().getHostAddress() + ":" + dns.port() + " (UDP)", e);
        }
    }

    private static IllegalStateException cannotListen(String where, RuntimeException e) {
        return new IllegalStateException("dns.address/dns.port: cannot listen on " + where
                + ": the port is already in use or not permitted (" + e.getMessage() + ")", e);
    }

    public int port() {
        return tcp.port();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) udp.address();
    }

    @Override
    public void close() {
        tcp.disposeNow();
        udp.disposeNow();
    }
}
