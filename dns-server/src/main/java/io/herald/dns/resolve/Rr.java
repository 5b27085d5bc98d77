package io.herald.dns.resolve;

import java.net.InetAddress;

/**
 * One resource record of an answer, in Herald's own small vocabulary. Names are absolute, lower-case and
 * written without the trailing dot. The wire encoder turns these into bytes; tests read them directly.
 */
public sealed interface Rr {
    String name();

    int ttl();

    /** The RR type code (RFC 1035 numbering). */
    int type();

    record A(String name, int ttl, InetAddress address) implements Rr {
        @Override
        public int type() {
            return address.getAddress().length == 4 ? RrTypes.A : RrTypes.AAAA;
        }
    }

    record Srv(String name, int ttl, int priority, int weight, int port, String target) implements Rr {
        @Override
        public int type() {
            return RrTypes.SRV;
        }
    }

    record Ptr(String name, int ttl, String target) implements Rr {
        @Override
        public int type() {
            return RrTypes.PTR;
        }
    }

    record Ns(String name, int ttl, String host) implements Rr {
        @Override
        public int type() {
            return RrTypes.NS;
        }
    }

    record Soa(String name, int ttl, String mname, String rname, long serial, int refresh, int retry, int expire,
               int minimum) implements Rr {
        @Override
        public int type() {
            return RrTypes.SOA;
        }
    }

    /** RFC 8482's minimal answer to ANY: HINFO "RFC8482" "". */
    record Hinfo(String name, int ttl, String cpu, String os) implements Rr {
        @Override
        public int type() {
            return RrTypes.HINFO;
        }
    }
}
