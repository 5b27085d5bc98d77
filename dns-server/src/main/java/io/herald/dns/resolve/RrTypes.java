package io.herald.dns.resolve;

import io.netty.handler.codec.dns.DnsRecordType;

/** RR type codes used by the resolver, taken from netty-codec-dns so the numbering has one source. */
public final class RrTypes {
    private RrTypes() {}

    public static final int A = DnsRecordType.A.intValue();
    public static final int NS = DnsRecordType.NS.intValue();
    public static final int SOA = DnsRecordType.SOA.intValue();
    public static final int PTR = DnsRecordType.PTR.intValue();
    public static final int HINFO = 13;
    public static final int AAAA = DnsRecordType.AAAA.intValue();
    public static final int SRV = DnsRecordType.SRV.intValue();
    public static final int OPT = DnsRecordType.OPT.intValue();
    public static final int ANY = DnsRecordType.ANY.intValue();
    public static final int AXFR = DnsRecordType.AXFR.intValue();
    public static final int IXFR = DnsRecordType.IXFR.intValue();

    public static String name(int type) {
        return DnsRecordType.valueOf(type).name();
    }
}
