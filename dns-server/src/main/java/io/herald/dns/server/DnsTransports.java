package io.herald.dns.server;

import io.herald.dns.DnsConfig;
import io.herald.dns.forward.ForwardConfig;
import io.herald.dns.forward.Forwarder;
import io.herald.dns.index.IndexPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;
import reactor.netty.udp.UdpServer;

/**
 * The UDP and TCP listeners, bound with reactor-netty on one port; the shared Netty handlers do the work.
 *
 * <p>With the native epoll transport (Linux; NIO elsewhere) each UDP socket reads up to {@link #READ_BATCH}
 * datagrams per system call (recvmmsg) and replies go out in one sendmmsg per batch. On a fixed port, one UDP
 * socket per CPU is bound with SO_REUSEPORT so the kernel spreads queries over the event loops; with port 0
 * (tests) there is one, since a second socket could not be sure to join the right port.
 */
public final class DnsTransports implements AutoCloseable {
    private static final int MAX_BIND_ATTEMPTS = 10;
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    /** The largest query datagram read; larger ones were cut at this size by Netty's default allocator too. */
    private static final int MAX_QUERY_DATAGRAM = 2048;
    private static final int READ_BATCH = 16;

    private final List<Connection> udp;
    private final DisposableServer tcp;

    private DnsTransports(List<Connection> udp, DisposableServer tcp) {
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
        int sockets = Epoll.isAvailable() && dns.port() != 0 ? Runtime.getRuntime().availableProcessors() : 1;
        for (int attempt = 0; attempt < (dns.port() == 0 ? MAX_BIND_ATTEMPTS : 1); attempt++) {
            List<Connection> udp = bindAllUdp(dns, sockets, udpHandler);
            int port = ((InetSocketAddress) udp.get(0).address()).getPort();
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
                udp.forEach(Connection::disposeNow);
                last = cannotListen(dns.address().getHostAddress() + ":" + port + " (TCP)", e);
            }
        }
        throw last;
    }

    /** The first socket picks the port (when 0); the others join it with SO_REUSEPORT. All or none stay bound. */
    private static List<Connection> bindAllUdp(DnsConfig dns, int sockets, UdpQueryHandler handler) {
        if (sockets > 1) {
            // SO_REUSEPORT would let a second server of the same user join this port silently: take it plainly
            // first, so a port in use fails here as it does without SO_REUSEPORT.
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(dns.address(), dns.port()))) {
                probe.getLocalPort();
            } catch (IOException e) {
                throw cannotListen(dns.address().getHostAddress() + ":" + dns.port() + " (UDP)",
                        new IllegalStateException(e.getMessage(), e));
            }
        }
        List<Connection> udp = new ArrayList<>();
        udp.add(bindUdp(dns, dns.port(), sockets > 1, handler));
        int port = ((InetSocketAddress) udp.get(0).address()).getPort();
        try {
            for (int i = 1; i < sockets; i++) {
                udp.add(bindUdp(dns, port, true, handler));
            }
        } catch (RuntimeException e) {
            udp.forEach(Connection::disposeNow);
            throw e;
        }
        return udp;
    }

    private static Connection bindUdp(DnsConfig dns, int port, boolean reusePort, UdpQueryHandler handler) {
        UdpServer server = UdpServer.create()
                .bindAddress(() -> new InetSocketAddress(dns.address(), port))
                .doOnBound(c -> {
                    c.addHandlerLast("herald-dns-udp", handler);
                    // reactor-netty reads on demand of a subscriber; our handler consumes every datagram itself.
                    c.channel().config().setAutoRead(true);
                });
        if (Epoll.isAvailable()) {
            server = server
                    // Thread-cached pooled buffers: the cheapest small allocation Netty offers for replies.
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_QUERY_DATAGRAM * READ_BATCH));
            if (reusePort) {
                server = server.option(EpollChannelOption.SO_REUSEPORT, true);
            }
        }
        try {
            return server.bindNow(BIND_TIMEOUT);
        } catch (RuntimeException e) {
            throw cannotListen(dns.address().getHostAddress() + ":" + port + " (UDP)", e);
        }
    }

    private static IllegalStateException cannotListen(String where, RuntimeException e) {
        return new IllegalStateException("dns.address/dns.port: cannot listen on " + where
                + ": the port is already in use or not permitted (" + e.getMessage() + ")", e);
    }

    /** How many UDP sockets serve the port. */
    public int udpSockets() {
        return udp.size();
    }

    public int port() {
        return tcp.port();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) udp.get(0).address();
    }

    @Override
    public void close() {
        tcp.disposeNow();
        udp.forEach(Connection::disposeNow);
    }
}
