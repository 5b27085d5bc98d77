package io.herald.dns.resolve;

import io.herald.dns.index.NameNode;
import io.herald.dns.index.ZoneIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Name resolution as a pure function of (index, question, rotation, may-forward): no sockets, no clocks, no
 * state. Everything protocol-level (header flags, EDNS, truncation) is the wire layer's business.
 */
public final class Resolver {
    private Resolver() {}

    /**
     * @param qname      lower-case question name without the trailing dot ("" for the root)
     * @param qtype      question type code
     * @param rotation   any number; answers are rotated by it so clients spread over instances
     * @param mayForward whether a question outside Herald's zones may go to the upstream resolvers
     */
    public static Resolution resolve(ZoneIndex index, String qname, int qtype, int rotation, boolean mayForward) {
        String zone = index.zoneOf(qname);
        if (zone == null) {
            if (qtype == RrTypes.PTR) {
                List<Rr.Ptr> ptr = index.ptr().get(qname);
                if (ptr != null) {
                    return answer(rotate(ptr, rotation), List.of());
                }
            }
            return Resolution.of(mayForward ? Outcome.FORWARD : Outcome.REFUSED);
        }
        if (qtype == RrTypes.AXFR || qtype == RrTypes.IXFR) {
            return Resolution.of(Outcome.REFUSED);
        }
        NameNode node = index.names().get(qname);
        if (node == null) {
            NameNode encloser = index.closestEncloser(qname, zone);
            int negative = encloser == null ? index.soa().get(zone).minimum() : encloser.negativeTtl();
            return Resolution.negative(Outcome.NXDOMAIN, soa(index, zone, negative));
        }
        if (qtype == RrTypes.A && !node.addresses4().isEmpty()) {
            return answer(rotate(node.addresses4(), rotation), List.of());
        }
        if (qtype == RrTypes.AAAA && !node.addresses6().isEmpty()) {
            return answer(rotate(node.addresses6(), rotation), List.of());
        }
        if (qtype == RrTypes.SRV && !node.srv().isEmpty()) {
            return answer(rotate(node.srv(), rotation), rotate(node.glue(), rotation));
        }
        if (node.apex() && qtype == RrTypes.SOA) {
            return answer(List.of(index.soa().get(zone)), List.of());
        }
        if (node.apex() && qtype == RrTypes.NS) {
            List<Rr> glue = new ArrayList<>();
            for (Rr.Ns ns : index.ns().get(zone)) {
                NameNode host = index.names().get(ns.host());
                if (host != null) {
                    glue.addAll(host.addresses4());
                    glue.addAll(host.addresses6());
                }
            }
            return answer(index.ns().get(zone), glue);
        }
        if (qtype == RrTypes.ANY && node.hasRecords()) {
            // RFC 8482: a minimal answer instead of every RRset.
            int ttl = index.soa().get(zone).minimum();
            return answer(List.of(new Rr.Hinfo(qname, ttl, "RFC8482", "")), List.of());
        }
        int negative = node.noHealthy() ? node.noHealthyTtl() : node.negativeTtl();
        return Resolution.negative(Outcome.NODATA, soa(index, zone, negative));
    }

    private static Resolution answer(List<? extends Rr> answer, List<? extends Rr> additional) {
        return new Resolution(Outcome.ANSWER, List.copyOf(answer), List.of(), List.copyOf(additional));
    }

    /** The zone's SOA with TTL and minimum set to the negative TTL that applies here (RFC 2308 section 5). */
    private static Rr.Soa soa(ZoneIndex index, String zone, int negativeTtl) {
        Rr.Soa s = index.soa().get(zone);
        if (s.ttl() == negativeTtl && s.minimum() == negativeTtl) {
            return s;
        }
        return new Rr.Soa(s.name(), negativeTtl, s.mname(), s.rname(), s.serial(), s.refresh(), s.retry(), s.expire(),
                negativeTtl);
    }

    static <T> List<T> rotate(List<T> list, int rotation) {
        int n = list.size();
        if (n <= 1) {
            return list;
        }
        int k = Math.floorMod(rotation, n);
        if (k == 0) {
            return list;
        }
        List<T> out = new ArrayList<>(n);
        out.addAll(list.subList(k, n));
        out.addAll(list.subList(0, k));
        return out;
    }
}
