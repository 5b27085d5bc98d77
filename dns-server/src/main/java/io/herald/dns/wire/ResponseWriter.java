package io.herald.dns.wire;

import io.herald.dns.resolve.RcodeTable;
import io.herald.dns.resolve.Resolution;
import io.herald.dns.resolve.Rr;
import io.herald.dns.resolve.RrTypes;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link Resolution} as a DNS response with name compression, into a buffer at its writer index
 * (TCP callers leave room for the length prefix first; compression offsets are relative to the message start).
 *
 * <p>Size rules: a whole RRset of the answer or authority section that does not fit within {@code limit} is left
 * out and TC is set (RFC 2181 9); additional records that do not fit are dropped without TC. The OPT record is
 * always kept, its space reserved up front.
 */
public final class ResponseWriter {
    public static final int OPT_SIZE = 11;
    private static final int CLASS_IN = 1;

    private final ByteBuf buf;
    private final int base;
    private final Map<String, Integer> offsets = new HashMap<>();

    private ResponseWriter(ByteBuf buf) {
        this.buf = buf;
        this.base = buf.writerIndex();
    }

    /**
     * @param limit         the largest message allowed (512 without EDNS over UDP, the EDNS size, 65535 on TCP)
     * @param recursion     the RA flag: whether this server forwards
     * @param ednsPayload   the UDP payload size Herald advertises in its OPT record
     */
    public static void write(ByteBuf buf, ParsedQuery q, Resolution r, int limit, boolean recursion, int ednsPayload) {
        new ResponseWriter(buf).encode(q, r, limit, recursion, ednsPayload);
    }

    /** A header-only (plus question, when there is one) error response: FORMERR, NOTIMP, REFUSED, SERVFAIL, BADVERS. */
    public static void writeError(ByteBuf buf, ParsedQuery q, int rcode, boolean recursion, int ednsPayload) {
        new ResponseWriter(buf).encodeError(q, rcode, recursion, ednsPayload);
    }

    private void encode(ParsedQuery q, Resolution r, int limit, boolean recursion, int ednsPayload) {
        int rcode = RcodeTable.rcode(r.outcome());
        header(q, rcode, r.authoritative(), recursion);
        question(q);
        int room = limit - (q.edns() ? OPT_SIZE : 0);
        boolean truncated = false;
        int an = section(r.answer(), room);
        if (an < r.answer().size()) {
            truncated = true;
        }
        int ns = 0;
        if (!truncated) {
            ns = section(r.authority(), room);
            truncated = ns < r.authority().size();
        }
        int ar = truncated ? 0 : section(r.additional(), room);
        if (q.edns()) {
            opt(rcode, ednsPayload);
            ar++;
        }
        finish(truncated, q.hasQuestion() ? 1 : 0, an, ns, ar);
    }

    private void encodeError(ParsedQuery q, int rcode, boolean recursion, int ednsPayload) {
        header(q, rcode, false, recursion);
        question(q);
        int ar = 0;
        if (q.edns()) {
            opt(rcode, ednsPayload);
            ar = 1;
        }
        finish(false, q.hasQuestion() ? 1 : 0, 0, 0, ar);
    }

    private void header(ParsedQuery q, int rcode, boolean aa, boolean ra) {
        int flags = 0x8000 | (q.opcode() << 11) | (aa ? 0x0400 : 0) | (q.recursionDesired() ? 0x0100 : 0)
                | (ra ? 0x0080 : 0) | (q.checkingDisabled() ? 0x0010 : 0) | (rcode & 0xf);
        buf.writeShort(q.id());
        buf.writeShort(flags);
        buf.writeZero(8); // counts, patched in finish()
    }

    private void question(ParsedQuery q) {
        if (!q.hasQuestion()) {
            return;
        }
        if (!q.qnameLower().isEmpty()) {
            offsets.put(q.qnameLower(), buf.writerIndex() - base);
            // Register every suffix of the question so answers point into it (and keep the asker's case).
            byte[] qb = q.question();
            int i = 0;
            String lower = q.qnameLower();
            int pos = 0;
            while (qb[i] != 0) {
                int len = qb[i] & 0xff;
                offsets.putIfAbsent(lower.substring(pos), buf.writerIndex() - base + i);
                pos += len + 1;
                i += len + 1;
                if (pos > lower.length()) {
                    break;
                }
            }
        }
        buf.writeBytes(q.question());
    }

    /** Writes records RRset by RRset while they fit; returns how many records were written. */
    private int section(List<Rr> records, int room) {
        int written = 0;
        int i = 0;
        while (i < records.size()) {
            int j = i + 1;
            while (j < records.size() && sameSet(records.get(i), records.get(j))) {
                j++;
            }
            int mark = buf.writerIndex();
            Map<String, Integer> saved = offsets.size() < 64 ? new HashMap<>(offsets) : null;
            for (int k = i; k < j; k++) {
                record(records.get(k));
            }
            if (buf.writerIndex() - base > room) {
                buf.writerIndex(mark);
                restoreOffsets(saved, mark);
                return written;
            }
            written += j - i;
            i = j;
        }
        return written;
    }

    private void restoreOffsets(Map<String, Integer> saved, int mark) {
        if (saved != null) {
            offsets.clear();
            offsets.putAll(saved);
        } else {
            offsets.values().removeIf(off -> off >= mark - base);
        }
    }

    private static boolean sameSet(Rr a, Rr b) {
        return a.type() == b.type() && a.name().equals(b.name());
    }

    private void record(Rr rr) {
        name(rr.name());
        buf.writeShort(rr.type());
        buf.writeShort(CLASS_IN);
        buf.writeInt(rr.ttl());
        int lenAt = buf.writerIndex();
        buf.writeShort(0);
        if (rr instanceof Rr.A a) {
            buf.writeBytes(a.address().getAddress());
        } else if (rr instanceof Rr.Srv s) {
            buf.writeShort(s.priority());
            buf.writeShort(s.weight());
            buf.writeShort(s.port());
            nameUncompressed(s.target()); // RFC 2782: no compression in the target field
        } else if (rr instanceof Rr.Ptr p) {
            name(p.target());
        } else if (rr instanceof Rr.Ns n) {
            name(n.host());
        } else if (rr instanceof Rr.Soa s) {
            name(s.mname());
            name(s.rname());
            buf.writeInt((int) s.serial());
            buf.writeInt(s.refresh());
            buf.writeInt(s.retry());
            buf.writeInt(s.expire());
            buf.writeInt(s.minimum());
        } else if (rr instanceof Rr.Hinfo h) {
            characterString(h.cpu());
            characterString(h.os());
        }
        buf.setShort(lenAt, buf.writerIndex() - lenAt - 2);
    }

    private void opt(int rcode, int payload) {
        buf.writeByte(0);
        buf.writeShort(RrTypes.OPT);
        buf.writeShort(payload);
        buf.writeInt(((rcode >> 4) & 0xff) << 24); // extended rcode, version 0, no flags
        buf.writeShort(0);
    }

    private void finish(boolean truncated, int qd, int an, int ns, int ar) {
        if (truncated) {
            buf.setShort(base + 2, buf.getUnsignedShort(base + 2) | 0x0200);
        }
        buf.setShort(base + 4, qd);
        buf.setShort(base + 6, an);
        buf.setShort(base + 8, ns);
        buf.setShort(base + 10, ar);
    }

    private void name(String name) {
        String n = name;
        while (!n.isEmpty()) {
            Integer at = offsets.get(n);
            if (at != null) {
                buf.writeShort(0xc000 | at);
                return;
            }
            int here = buf.writerIndex() - base;
            if (here < 0x3fff) {
                offsets.put(n, here);
            }
            int dot = n.indexOf('.');
            String label = dot < 0 ? n : n.substring(0, dot);
            label(label);
            n = dot < 0 ? "" : n.substring(dot + 1);
        }
        buf.writeByte(0);
    }

    private void nameUncompressed(String name) {
        String n = name;
        while (!n.isEmpty()) {
            int here = buf.writerIndex() - base;
            if (here < 0x3fff) {
                offsets.putIfAbsent(n, here);
            }
            int dot = n.indexOf('.');
            label(dot < 0 ? n : n.substring(0, dot));
            n = dot < 0 ? "" : n.substring(dot + 1);
        }
        buf.writeByte(0);
    }

    private void label(String label) {
        byte[] b = label.getBytes(StandardCharsets.US_ASCII);
        buf.writeByte(b.length);
        buf.writeBytes(b);
    }

    private void characterString(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        buf.writeByte(b.length);
        buf.writeBytes(b);
    }
}
