package io.herald.dns.server;

import io.herald.dns.DnsConfig;
import io.herald.dns.forward.ForwardConfig;
import io.herald.dns.forward.Forwarder;
import io.herald.dns.index.IndexPublisher;
import io.herald.dns.resolve.Outcome;
import io.herald.dns.resolve.RcodeTable;
import io.herald.dns.resolve.Resolution;
import io.herald.dns.resolve.Resolver;
import io.herald.dns.wire.ParsedQuery;
import io.herald.dns.wire.QueryParser;
import io.herald.dns.wire.ResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.dns.DnsResponseCode;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Turns one query packet into one reply, shared by the UDP and TCP handlers. Local answers are written
 * synchronously on the event loop (no locks: one read of the current index); forwarded ones complete later.
 */
final class QueryProcessor {
    private static final int CLASS_IN = 1;
    private static final int CLASS_ANY = 255;
    private static final int TCP_LIMIT = 65535;
    private static final int PLAIN_UDP_LIMIT = 512;

    private final IndexPublisher index;
    private final Forwarder forwarder;
    private final ForwardConfig forwardConfig;
    private final DnsConfig dnsConfig;
    private final DnsMetrics metrics;
    private final AtomicInteger rotation = new AtomicInteger();

    QueryProcessor(IndexPublisher index, Forwarder forwarder, ForwardConfig forwardConfig, DnsConfig dnsConfig,
                   DnsMetrics metrics) {
        this.index = index;
        this.forwarder = forwarder;
        this.forwardConfig = forwardConfig;
        this.dnsConfig = dnsConfig;
        this.metrics = metrics;
    }

    /**
     * @param prefixLength whether the reply starts with the 2-byte TCP length field
     * @param reply        receives the reply buffer (ownership passes); not called when the packet is dropped
     */
    void process(ByteBuf packet, InetAddress client, boolean tcp, ByteBufAllocator alloc, Consumer<ByteBuf> reply) {
        long start = System.nanoTime();
        String transport = tcp ? "tcp" : "udp";
        ParsedQuery q = QueryParser.parse(packet);
        if (q == null) {
            metrics.malformed();
            return;
        }
        boolean ra = forwardConfig.enabled();
        int payload = dnsConfig.maxUdpPayload();
        if (q.error() != null) {
            if (q.error() == ParsedQuery.ParseError.FORMERR) {
                metrics.malformed();
            }
            int rcode = switch (q.error()) {
                case FORMERR -> RcodeTable.rcode(Outcome.FORMERR);
                case NOTIMP -> RcodeTable.rcode(Outcome.NOTIMP);
                case BADVERS -> RcodeTable.rcode(Outcome.BADVERS);
            };
            sendError(q, rcode, tcp, alloc, reply, ra, payload);
            metrics.query(q.qtype(), rcode, transport, start);
            return;
        }
        int limit = tcp ? TCP_LIMIT : q.edns() ? Math.min(q.udpPayload(), payload) : PLAIN_UDP_LIMIT;
        Resolution r;
        if (q.qclass() != CLASS_IN && q.qclass() != CLASS_ANY) {
            r = Resolution.of(Outcome.REFUSED);
        } else {
            boolean mayForward = forwardConfig.enabled() && forwardConfig.allows(client);
            r = Resolver.resolve(index.current(), q.qnameLower(), q.qtype(), rotation.getAndIncrement(), mayForward);
        }
        if (r.outcome() == Outcome.FORWARD) {
            forward(q, tcp, limit, alloc, reply, start, transport);
            return;
        }
        if (r.outcome() == Outcome.REFUSED || r.outcome() == Outcome.SERVFAIL) {
            int rcode = RcodeTable.rcode(r.outcome());
            sendError(q, rcode, tcp, alloc, reply, ra, payload);
            metrics.query(q.qtype(), rcode, transport, start);
            return;
        }
        ByteBuf out = alloc.buffer(tcp ? 512 : limit);
        if (tcp) {
            out.writeShort(0);
        }
        ResponseWriter.write(out, q, r, limit, ra, payload);
        finish(out, tcp);
        if ((out.getUnsignedShort(out.readerIndex() + (tcp ? 4 : 2)) & 0x0200) != 0) {
            metrics.truncated();
        }
        metrics.query(q.qtype(), RcodeTable.rcode(r.outcome()), transport, start);
        reply.accept(out);
    }

    private void forward(ParsedQuery q, boolean tcp, int limit, ByteBufAllocator alloc, Consumer<ByteBuf> reply,
                         long start, String transport) {
        int ednsPayload = q.edns() ? dnsConfig.maxUdpPayload() : 0;
        forwarder.forward(q.id(), q.recursionDesired(), q.qname(), q.qtype(), q.qclass(), limit, ednsPayload)
                .whenComplete((bytes, err) -> {
                    if (err != null) {
                        int rcode = DnsResponseCode.SERVFAIL.intValue();
                        sendError(q, rcode, tcp, alloc, reply, true, dnsConfig.maxUdpPayload());
                        metrics.query(q.qtype(), rcode, transport, start);
                        return;
                    }
                    ByteBuf out = alloc.buffer(bytes.length + 2);
                    if (tcp) {
                        out.writeShort(bytes.length);
                    }
                    out.writeBytes(bytes);
                    metrics.query(q.qtype(), bytes[3] & 0xf, transport, start);
                    reply.accept(out);
                });
    }

    private static void sendError(ParsedQuery q, int rcode, boolean tcp, ByteBufAllocator alloc,
                                  Consumer<ByteBuf> reply, boolean ra, int payload) {
        ByteBuf out = alloc.buffer(64 + (q.hasQuestion() ? q.question().length : 0));
        if (tcp) {
            out.writeShort(0);
        }
        ResponseWriter.writeError(out, q, rcode, ra, payload);
        finish(out, tcp);
        reply.accept(out);
    }

    private static void finish(ByteBuf out, boolean tcp) {
        if (tcp) {
            out.setShort(out.readerIndex(), out.readableBytes() - 2);
        }
    }
}
