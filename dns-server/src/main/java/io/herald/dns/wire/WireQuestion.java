package io.herald.dns.wire;

import io.herald.dns.resolve.RrTypes;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The question of a plain query, read straight from the packet into reusable fields (one instance per event-loop
 * thread, so reading it allocates nothing). Only the common shape is accepted: opcode QUERY, one question whose
 * name is made of letters, digits, '-' and '_', no answer or authority records, at most one OPT of version 0.
 * Anything else is left to {@link QueryParser}, which knows every rule; this class never decides an error.
 *
 * <p>Also the cache key: the lower-cased wire name and the type. A probe is compared against stored copies
 * made with {@link #copy()}.
 */
final class WireQuestion {
    private static final int HEADER = 12;
    private static final int CLASS_IN = 1;
    private static final int CLASS_ANY = 255;
    private static final int MAX_NAME = 255;

    /** Lower-cased wire-format name including the final zero byte. */
    private byte[] name;
    private int nameLength;
    private int qtype;
    private int hash;
    // Per-query fields: not part of the key.
    int id;
    int flags;
    int questionStart;
    int questionLength;
    boolean edns;
    int udpPayload;

    WireQuestion() {
        this.name = new byte[MAX_NAME];
    }

    private WireQuestion(byte[] name, int nameLength, int qtype, int hash) {
        this.name = name;
        this.nameLength = nameLength;
        this.qtype = qtype;
        this.hash = hash;
    }

    /** Reads the packet (without moving its indexes); false means the full parser must handle it. */
    boolean read(ByteBuf p) {
        int s = p.readerIndex();
        int end = p.writerIndex();
        if (end - s < HEADER + 5) {
            return false;
        }
        int f = p.getUnsignedShort(s + 2);
        if ((f & 0xf800) != 0) {
            return false; // a response, or an opcode other than QUERY
        }
        int ar = p.getUnsignedShort(s + 10);
        if (p.getUnsignedShort(s + 4) != 1 || p.getUnsignedShort(s + 6) != 0 || p.getUnsignedShort(s + 8) != 0
                || ar > 1) {
            return false;
        }
        int i = s + HEADER;
        int n = 0;
        int h = 1;
        while (true) {
            if (i >= end) {
                return false;
            }
            int len = p.getUnsignedByte(i);
            if (len == 0) {
                break;
            }
            if (len > 63 || n + len + 2 > MAX_NAME || i + 1 + len > end) {
                return false;
            }
            name[n++] = (byte) len;
            h = 31 * h + len;
            for (int k = i + 1; k <= i + len; k++) {
                int c = p.getUnsignedByte(k);
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    return false;
                }
                name[n++] = (byte) c;
                h = 31 * h + c;
            }
            i += len + 1;
        }
        if (n == 0 || i + 5 > end) {
            return false; // the root name, or a cut-off question
        }
        name[n++] = 0;
        int type = p.getUnsignedShort(i + 1);
        int cls = p.getUnsignedShort(i + 3);
        if (cls != CLASS_IN && cls != CLASS_ANY) {
            return false;
        }
        int at = i + 5;
        boolean opt = false;
        int payload = 0;
        if (ar == 1) {
            if (at + 11 > end || p.getByte(at) != 0 || p.getUnsignedShort(at + 1) != RrTypes.OPT
                    || p.getByte(at + 6) != 0 || at + 11 + p.getUnsignedShort(at + 9) > end) {
                return false; // not a root-owned OPT of version 0 (byte 6 is the EDNS version)
            }
            opt = true;
            payload = Math.max(512, p.getUnsignedShort(at + 3));
        }
        this.nameLength = n;
        this.qtype = type;
        this.hash = 31 * h + type;
        this.id = p.getUnsignedShort(s);
        this.flags = f;
        this.questionStart = s + HEADER;
        this.questionLength = at - (s + HEADER);
        this.edns = opt;
        this.udpPayload = payload;
        return true;
    }

    int qtype() {
        return qtype;
    }

    /** The name as netty-codec-dns spells it: labels joined by dots, with the trailing dot. */
    String dottedName() {
        StringBuilder sb = new StringBuilder(nameLength);
        int i = 0;
        while (name[i] != 0) {
            int len = name[i];
            sb.append(new String(name, i + 1, len, StandardCharsets.US_ASCII)).append('.');
            i += len + 1;
        }
        return sb.toString();
    }

    /** The question as the cache builds answers for it: lower-case name, type, class IN. */
    byte[] lowerQuestion() {
        byte[] q = Arrays.copyOf(name, nameLength + 4);
        q[nameLength] = (byte) (qtype >> 8);
        q[nameLength + 1] = (byte) qtype;
        q[nameLength + 2] = 0;
        q[nameLength + 3] = CLASS_IN;
        return q;
    }

    /** An immutable key with this probe's name and type. */
    WireQuestion copy() {
        return new WireQuestion(Arrays.copyOf(name, nameLength), nameLength, qtype, hash);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireQuestion w && w.qtype == qtype && w.hash == hash
                && Arrays.equals(name, 0, nameLength, w.name, 0, w.nameLength);
    }
}
