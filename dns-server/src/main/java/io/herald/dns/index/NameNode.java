package io.herald.dns.index;

import io.herald.dns.resolve.Rr;
import java.util.List;

/**
 * Everything Herald answers for one owner name within a snapshot. An empty non-terminal has no records at all;
 * a known service with no healthy instance has none either but is flagged so its NODATA carries the short TTL.
 *
 * @param zone        apex of the zone the name belongs to
 * @param addresses4  A records, in stable order (the resolver rotates them per query)
 * @param addresses6  AAAA records
 * @param srv         SRV records, and {@code glue} holds their targets' A/AAAA records in the same order
 * @param negativeTtl SOA minimum for negative answers at or below this name
 * @param noHealthy   a known service (or tag) whose instances are all unhealthy right now
 */
public record NameNode(
        String name,
        String zone,
        List<Rr.A> addresses4,
        List<Rr.A> addresses6,
        List<Rr.Srv> srv,
        List<Rr.A> glue,
        boolean apex,
        int negativeTtl,
        boolean noHealthy,
        int noHealthyTtl) {

    public boolean hasRecords() {
        return apex || !addresses4.isEmpty() || !addresses6.isEmpty() || !srv.isEmpty();
    }
}
