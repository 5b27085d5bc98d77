package io.herald.dns.wire;

import java.util.Locale;

/**
 * The parts of a query Herald needs. {@code questionStart}/{@code questionEnd} delimit the raw question in the
 * query buffer so the reply can echo it byte for byte, which also preserves the asker's letter case.
 *
 * @param error       null for a usable query, otherwise FORMERR/NOTIMP/BADVERS decided while parsing
 * @param udpPayload  the EDNS UDP payload size the client offered, or 0 without EDNS
 */
public record ParsedQuery(
        int id,
        int opcode,
        boolean recursionDesired,
        boolean checkingDisabled,
        String qname,
        int qtype,
        int qclass,
        boolean edns,
        int udpPayload,
        int ednsVersion,
        byte[] question,
        ParseError error) {

    public enum ParseError { FORMERR, NOTIMP, BADVERS }

    /** Question name lower-cased, without the trailing dot, as the resolver and the caches key it. */
    public String qnameLower() {
        String n = qname.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    public boolean hasQuestion() {
        return question != null;
    }
}
