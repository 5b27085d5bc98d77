package io.herald.dns.server;

import io.herald.dns.DnsConfig;
import io.herald.dns.forward.ForwardConfig;
import io.herald.dns.forward.Forwarder;
import io.herald.dns.index.IndexPublisher;
import io.herald.dns.resolve.Outcome;
import io.herald.dns.resolve.RcodeTable;
import io.herald.dns.resolve.Resolution;
import io.herald.dns.resolve.Resolver;
import io.herald.dns.resolve.RrTypes;
import io.herald.dns.wire.AnswerCache;
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
 * Plain authoritative questions are answered from {@link AnswerCache}; everything else takes the full path.
 */
final class QueryProcessor {
    /** Enough for every name and type of a large deployment; an entry is a few hundred bytes. */
    static final long ANSWER_CACHE_ENTRIES = 200_000;
    private static final int CLASS_IN = 1;
    private static final int CLASS_ANY = 255;
    private static final int TCP_LIMIT = 65535;
    private static final int PLAIN_UDP_LIMIT = 512;

    private final IndexPublisher index;
    private final Forwarder forwarder;
    private final ForwardConfig forwardConfig;
    private final DnsConfig dnsConfig;
    private final DnsMetrics metrics;
    /**
     * Rotation counters per question type (A, AAAA, SRV, other). One shared counter would not spread clients:
     * the glibc stub resolver asks A and AAAA together, so every lookup would see the same A order.
     */
    private final AtomicInteger[] rotation = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
            new AtomicInteger()};
    private final AnswerCache answers;

    QueryProcessor(IndexPublisher index, Forwarder forwarder, ForwardConfig forwardConfig, DnsConfig dnsConfig,
                   DnsMetrics metrics) {
        this.index = index;
        this.forwarder = forwarder;
        this.forwardConfig = forwardConfig;
        this.dnsConfig = dnsConfig;
        this.metrics = metrics;
        this.answers = new AnswerCache(ANSWER_CACHE_ENTRIES, forwardConfig.enabled(), dnsConfig.maxUdpPayload());
    }

    /**
     * The reply from precomputed answers, or null when the packet needs {@link #processFull}. Never drops or
     * errors: a null leaves every decision to the full path.
     */
    ByteBuf answerCached(ByteBuf packet, boolean tcp, ByteBufAllocator alloc, int rotation) {
        long start = System.nanoTime();
        ByteBuf out = answers.answer(packet, index.current(), rotation, tcp, alloc);
        if (out != null) {
            int rcode = out.getUnsignedByte(out.readerIndex() + (tcp ? 5 : 3)) & 0xf;
            metrics.query(answers.lastQtype(), rcode, tcp ? "tcp" : "udp", start);
        }
        return out;
    }

    /** Answers from the cache when it can, otherwise by the full path. */
    void process(ByteBuf packet, InetAddress client, boolean tcp, ByteBufAllocator alloc, Consumer<ByteBuf> reply) {
        int rot = nextRotation(packet);
        ByteBuf cached = answerCached(packet, tcp, alloc, rot);
        if (cached != null) {
            reply.accept(cached);
            return;
        }
        processFull(packet, client, tcp, alloc, rot, reply);
    }

    /**
     * Any number, different for consecutive queries of the packet's question type: answers are rotated by it so
     * clients spread over instances. Reads only the question type (never fails; unreadable packets count as other).
     */
    int nextRotation(ByteBuf packet) {
        int qtype = peekQtype(packet);
        int slot = qtype == RrTypes.A ? 0 : qtype == RrTypes.AAAA ? 1 : qtype == RrTypes.SRV ? 2 : 3;
        return rotation[slot].getAndIncrement();
    }

    /** The first question's type, or -1; a bounded walk over the name's labels, no allocation. */
    static int peekQtype(ByteBuf packet) {
        int i = packet.readerIndex() + 12;
        int end = packet.writerIndex();
        for (int labels = 0; labels < 128 && i < end; labels++) {
            int len = packet.getUnsignedByte(i);
            if (len == 0) {
                return i + 3 <= end ? packet.getUnsignedShort(i + 1) : -1;
            }
            if ((len & 0xc0) != 0) {
                return -1;
            }
            i += len + 1;
        }
        return -1;
    }

    /**
     * @param prefixLength whether the reply starts with the 2-byte TCP length field
     * @param rotation     from {@link #nextRotation(ByteBuf)}; the same number the cache was asked with
     * @param reply        receives the reply buffer (ownership passes); not called when the packet is dropped
     */
    void processFull(ByteBuf packet, InetAddress client, boolean tcp, ByteBufAllocator alloc, int rotation,
                     Consumer<ByteBuf> reply) {
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
            r = Resolver.resolve(index.current(), q.qnameLower(), q.qtype(), rotation, mayForward);
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
