package io.herald.dns.wire;

import io.herald.dns.resolve.RrTypes;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordDecoder;

/**
 * Reads a DNS query from a buffer without consuming it. The question is decoded with netty-codec-dns's record
 * decoder; the header and the OPT pseudo-record are read directly because a reply to a malformed packet still
 * needs the ID, and an OPT record needs no object at all.
 */
public final class QueryParser {
    private static final int HEADER = 12;
    private static final int OPCODE_QUERY = 0;

    private QueryParser() {}

    /** Returns null when the packet must be dropped without reply (too short for a header, or a response). */
    public static ParsedQuery parse(ByteBuf packet) {
        int start = packet.readerIndex();
        if (packet.readableBytes() < HEADER) {
            return null;
        }
        int id = packet.getUnsignedShort(start);
        int flags = packet.getUnsignedShort(start + 2);
        if ((flags & 0x8000) != 0) {
            return null; // a response sent to us: never answer it (reflection loops)
        }
        int opcode = (flags >> 11) & 0xf;
        boolean rd = (flags & 0x0100) != 0;
        boolean cd = (flags & 0x0010) != 0;
        int qd = packet.getUnsignedShort(start + 4);
        int an = packet.getUnsignedShort(start + 6);
        int ns = packet.getUnsignedShort(start + 8);
        int ar = packet.getUnsignedShort(start + 10);
        ByteBuf in = packet.duplicate();
        in.readerIndex(start + HEADER);
        if (qd != 1) {
            ParsedQuery.ParseError e = opcode == OPCODE_QUERY ? ParsedQuery.ParseError.FORMERR : ParsedQuery.ParseError.NOTIMP;
            return new ParsedQuery(id, opcode, rd, cd, "", 0, 0, false, 0, 0, null, e);
        }
        String qname;
        int qtype;
        int qclass;
        byte[] question;
        try {
            int qStart = in.readerIndex();
            DnsQuestion q = DnsRecordDecoder.DEFAULT.decodeQuestion(in);
            qname = q.name();
            qtype = q.type().intValue();
            qclass = q.dnsClass();
            question = new byte[in.readerIndex() - qStart];
            in.getBytes(qStart, question);
            if (hasPointer(question)) {
                // A compressed question cannot be echoed as it is; real clients never send one.
                return formerr(id, opcode, rd, cd);
            }
        } catch (Exception e) {
            // netty-codec-dns throws CorruptedFrameException and friends for garbled names
            return formerr(id, opcode, rd, cd);
        }
        if (opcode != OPCODE_QUERY) {
            return new ParsedQuery(id, opcode, rd, cd, qname, qtype, qclass, false, 0, 0, question,
                    ParsedQuery.ParseError.NOTIMP);
        }
        boolean edns = false;
        int payload = 0;
        int version = 0;
        try {
            for (int i = 0; i < an + ns; i++) {
                skipRecord(in);
            }
            for (int i = 0; i < ar; i++) {
                int nameStart = in.readerIndex();
                skipName(in);
                int type = in.readUnsignedShort();
                int cls = in.readUnsignedShort();
                long ttl = in.readUnsignedInt();
                int rdlen = in.readUnsignedShort();
                in.skipBytes(rdlen);
                if (type == RrTypes.OPT) {
                    if (edns || in.getByte(nameStart) != 0) {
                        return formerr(id, opcode, rd, cd); // RFC 6891 6.1.1: one OPT, owner the root
                    }
                    edns = true;
                    payload = Math.max(512, cls);
                    version = (int) ((ttl >> 16) & 0xff);
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return formerr(id, opcode, rd, cd);
        }
        ParsedQuery.ParseError err = edns && version > 0 ? ParsedQuery.ParseError.BADVERS : null;
        return new ParsedQuery(id, opcode, rd, cd, qname, qtype, qclass, edns, payload, version, question, err);
    }

    private static ParsedQuery formerr(int id, int opcode, boolean rd, boolean cd) {
        return new ParsedQuery(id, opcode, rd, cd, "", 0, 0, false, 0, 0, null, ParsedQuery.ParseError.FORMERR);
    }

    private static boolean hasPointer(byte[] question) {
        int i = 0;
        while (i < question.length) {
            int len = question[i] & 0xff;
            if (len == 0) {
                return false;
            }
            if ((len & 0xc0) != 0) {
                return true;
            }
            i += len + 1;
        }
        return false;
    }

    private static void skipRecord(ByteBuf in) {
        skipName(in);
        in.skipBytes(8);
        in.skipBytes(in.readUnsignedShort());
    }

    private static void skipName(ByteBuf in) {
        for (int guard = 0; guard < 128; guard++) {
            int len = in.readUnsignedByte();
            if (len == 0) {
                return;
            }
            if ((len & 0xc0) == 0xc0) {
                in.skipBytes(1);
                return;
            }
            if ((len & 0xc0) != 0) {
                throw new IllegalArgumentException("bad label type");
            }
            in.skipBytes(len);
        }
        throw new IllegalArgumentException("name too long");
    }
}
