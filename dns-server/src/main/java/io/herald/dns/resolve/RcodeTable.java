package io.herald.dns.resolve;

import io.netty.handler.codec.dns.DnsResponseCode;

/** The one table from resolution outcome to DNS response code. */
public final class RcodeTable {
    private RcodeTable() {}

    /** Full (12-bit) response code: the low 4 bits go in the header, the rest in the OPT record (BADVERS). */
    public static int rcode(Outcome outcome) {
        return switch (outcome) {
            case ANSWER, NODATA -> DnsResponseCode.NOERROR.intValue();
            case NXDOMAIN -> DnsResponseCode.NXDOMAIN.intValue();
            case REFUSED -> DnsResponseCode.REFUSED.intValue();
            case NOTIMP -> DnsResponseCode.NOTIMP.intValue();
            case FORMERR -> DnsResponseCode.FORMERR.intValue();
            case BADVERS -> DnsResponseCode.BADVERS_OR_BADSIG.intValue();
            case SERVFAIL, FORWARD -> DnsResponseCode.SERVFAIL.intValue();
        };
    }

    /** The conventional upper-case mnemonic (as dig prints it), for metrics and logs. */
    public static String name(int rcode) {
        return switch (rcode) {
            case 0 -> "NOERROR";
            case 1 -> "FORMERR";
            case 2 -> "SERVFAIL";
            case 3 -> "NXDOMAIN";
            case 4 -> "NOTIMP";
            case 5 -> "REFUSED";
            case 16 -> "BADVERS";
            default -> "RCODE" + rcode;
        };
    }
}
