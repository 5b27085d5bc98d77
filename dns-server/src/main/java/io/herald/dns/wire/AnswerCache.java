package io.herald.dns.wire;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.dns.index.NameNode;
import io.herald.dns.index.ZoneIndex;
import io.herald.dns.resolve.Resolution;
import io.herald.dns.resolve.Resolver;
import io.herald.dns.resolve.RrTypes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Precomputed wire-format answers for authoritative questions, so the common query costs a header read, one
 * cache probe and a copy. Entries are built by the very {@link Resolver} and {@link ResponseWriter} the full
 * path uses (for every rotation of the records), keyed by lower-case wire name and type, and checked on each
 * hit against the snapshot being served; per query only the ID, RD/CD, the question as the client spelled it,
 * the SOA serial and the OPT record are written in. Bytes are identical to the full path's.
 *
 * <p>Everything unusual — other opcodes, EDNS versions, odd names, out-of-zone or refused questions, replies that
 * would need truncation, record sets with many rotations — returns null and takes the full path.
 */
public final class AnswerCache {
    private static final int MAX_VARIANTS = 16;
    private static final int TCP_LIMIT = 65535;
    private static final int PLAIN_UDP_LIMIT = 512;
    private static final int HEADER = 12;
    private static final int RD_CD = 0x0110;

    private final Cache<WireQuestion, EncodedAnswer> cache;
    private final LongAdder encoded = new LongAdder();
    private final boolean recursionAvailable;
    private final int ednsPayload;
    private final byte[] opt;
    private final FastThreadLocal<WireQuestion> probes = new FastThreadLocal<>() {
        @Override
        protected WireQuestion initialValue() {
            return new WireQuestion();
        }
    };

    /**
     * @param maxEntries          bound on cached questions (least valuable evicted first)
     * @param recursionAvailable  the RA flag the server sets
     * @param ednsPayload         the UDP payload size advertised in OPT records (also the EDNS reply limit)
     */
    public AnswerCache(long maxEntries, boolean recursionAvailable, int ednsPayload) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
        this.recursionAvailable = recursionAvailable;
        this.ednsPayload = ednsPayload;
        ByteBuf o = Unpooled.buffer(ResponseWriter.OPT_SIZE);
        o.writeByte(0).writeShort(RrTypes.OPT).writeShort(ednsPayload).writeInt(0).writeShort(0);
        this.opt = o.array().clone();
    }

    /**
     * The complete reply for a plain authoritative query, or null when the full path must answer it.
     *
     * @param rotation any number; picks the rotation of the records, as {@link Resolver} does
     * @param tcp      prefix the reply with its 2-byte length and allow up to 65535 bytes
     */
    public ByteBuf answer(ByteBuf packet, ZoneIndex index, int rotation, boolean tcp, ByteBufAllocator alloc) {
        WireQuestion q = probes.get();
        if (!q.read(packet)) {
            return null;
        }
        EncodedAnswer a = cache.getIfPresent(q);
        if (a == null || !a.validFor(index)) {
            a = encode(q, index);
            encoded.increment();
            if (a == null) {
                return null;
            }
            cache.put(q.copy(), a);
        }
        int limit = tcp ? TCP_LIMIT : q.edns ? Math.min(q.udpPayload, ednsPayload) : PLAIN_UDP_LIMIT;
        byte[] body = a.bodies()[Math.floorMod(rotation, a.bodies().length)];
        int size = HEADER + q.questionLength + body.length + (q.edns ? opt.length : 0);
        if (size > limit) {
            return null; // truncation rules live in ResponseWriter
        }
        ByteBuf out = alloc.ioBuffer(size + (tcp ? 2 : 0));
        if (tcp) {
            out.writeShort(size);
        }
        out.writeShort(q.id);
        out.writeShort(a.flags() | (q.flags & RD_CD));
        out.writeShort(1);
        out.writeShort(a.an());
        out.writeShort(a.ns());
        out.writeShort(a.ar() + (q.edns ? 1 : 0));
        out.writeBytes(packet, q.questionStart, q.questionLength);
        int bodyAt = out.writerIndex();
        out.writeBytes(body);
        if (a.serialOffsets().length > 0) {
            int serial = (int) index.soa().get(a.soaZone()).serial();
            for (int off : a.serialOffsets()) {
                out.setInt(bodyAt + off, serial);
            }
        }
        if (q.edns) {
            out.writeBytes(opt);
        }
        return out;
    }

    /** The question type of the last query this thread read; for metrics after {@link #answer} returned a reply. */
    public int lastQtype() {
        return probes.get().qtype();
    }

    /** Answers encoded so far (misses and invalidated entries); the rest were served from the cache. */
    public long encoded() {
        return encoded.sum();
    }

    public long size() {
        return cache.estimatedSize();
    }

    /**
     * Encodes every rotation of the answer with the full path's resolver and writer; null when the question
     * is not answered authoritatively or has too many rotations to keep.
     */
    private EncodedAnswer encode(WireQuestion w, ZoneIndex index) {
        byte[] question = w.lowerQuestion();
        ParsedQuery q = new ParsedQuery(0, 0, false, false, w.dottedName(), w.qtype(), 1, false, 0, 0, question, null);
        String owner = q.qnameLower();
        Resolution first = Resolver.resolve(index, owner, w.qtype(), 0, false);
        if (!first.authoritative()) {
            return null;
        }
        int period = lcm(Math.max(1, first.answer().size()), Math.max(1, first.additional().size()));
        if (period > MAX_VARIANTS) {
            return null;
        }
        byte[][] bodies = new byte[period][];
        int flags = 0;
        int an = 0;
        int ns = 0;
        int ar = 0;
        int[] serials = new int[0];
        for (int k = 0; k < period; k++) {
            Resolution r = k == 0 ? first : Resolver.resolve(index, owner, w.qtype(), k, false);
            ByteBuf buf = Unpooled.buffer(512);
            ResponseWriter.write(buf, q, r, TCP_LIMIT, recursionAvailable, ednsPayload);
            flags = buf.getUnsignedShort(2);
            if ((flags & 0x0200) != 0) {
                return null;
            }
            an = buf.getUnsignedShort(6);
            ns = buf.getUnsignedShort(8);
            ar = buf.getUnsignedShort(10);
            int bodyStart = HEADER + question.length;
            bodies[k] = new byte[buf.writerIndex() - bodyStart];
            buf.getBytes(bodyStart, bodies[k]);
            serials = soaSerialOffsets(buf, bodyStart, an + ns + ar);
        }
        NameNode node = index.names().get(owner);
        int qtype = w.qtype();
        // Apex answers (SOA, NS with glue) and ANY (TTL from the zone) depend on more than one record set: they
        // are valid for this snapshot only. An absent name's NXDOMAIN stays valid while the name stays absent
        // and its encloser unchanged, so a change elsewhere (100 per second under churn) does not re-encode it.
        boolean wholeZone = (node != null && node.apex()) || qtype == RrTypes.ANY || qtype == RrTypes.SOA
                || qtype == RrTypes.NS;
        String soaZone = serials.length > 0 ? index.zoneOf(owner) : null;
        boolean absent = node == null && !wholeZone && soaZone != null;
        boolean indexScoped = wholeZone || (node == null && !absent);
        Object token = indexScoped ? index : absent ? EncodedAnswer.absentToken(index, owner, soaZone) : node;
        return new EncodedAnswer(token, indexScoped, index.zones(), owner, flags, an, ns, ar, bodies, serials, soaZone,
                absent);
    }

    /** Offsets, relative to the body, of the serial field of each SOA record in the message. */
    private static int[] soaSerialOffsets(ByteBuf m, int bodyStart, int records) {
        List<Integer> found = new ArrayList<>();
        int i = bodyStart;
        for (int r = 0; r < records; r++) {
            i = skipName(m, i);
            int type = m.getUnsignedShort(i);
            int rdlen = m.getUnsignedShort(i + 8);
            int rdata = i + 10;
            if (type == RrTypes.SOA) {
                found.add(skipName(m, skipName(m, rdata)) - bodyStart);
            }
            i = rdata + rdlen;
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int skipName(ByteBuf m, int i) {
        while (true) {
            int len = m.getUnsignedByte(i);
            if (len == 0) {
                return i + 1;
            }
            if ((len & 0xc0) == 0xc0) {
                return i + 2;
            }
            i += len + 1;
        }
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
