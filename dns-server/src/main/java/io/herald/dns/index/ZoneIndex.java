package io.herald.dns.index;

import io.herald.dns.resolve.Rr;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, fully precomputed view of every name Herald is authoritative for, built from one catalogue
 * snapshot off the query path and swapped in atomically. A lookup is one hash-map probe.
 *
 * @param version   the catalogue version it was built from (keys answer caches)
 * @param names     owner name (lower-case, no trailing dot) to its records; includes empty non-terminals
 * @param zones     zone apexes, e.g. "service", "prod-service"
 * @param soa       each zone's SOA (its TTL and minimum are the zone's negative TTL)
 * @param ns        each zone's NS records; their hosts' addresses are in {@code names}
 * @param ptr       reverse names (in-addr.arpa / ip6.arpa) of served instance addresses
 */
public record ZoneIndex(
        long version,
        Map<String, NameNode> names,
        Set<String> zones,
        Map<String, Rr.Soa> soa,
        Map<String, List<Rr.Ns>> ns,
        Map<String, List<Rr.Ptr>> ptr) {

    public static final ZoneIndex EMPTY = new ZoneIndex(-1, Map.of(), Set.of(), Map.of(), Map.of(), Map.of());

    /** The apex of the zone containing {@code name}, or null when Herald is not authoritative for it. */
    public String zoneOf(String name) {
        String n = name;
        while (true) {
            if (zones.contains(n)) {
                return n;
            }
            int dot = n.indexOf('.');
            if (dot < 0) {
                return null;
            }
            n = n.substring(dot + 1);
        }
    }

    /** The deepest existing name at or above {@code name} within its zone (RFC 4592 closest encloser). */
    public NameNode closestEncloser(String name, String zone) {
        String n = name;
        while (true) {
            NameNode node = names.get(n);
            if (node != null) {
                return node;
            }
            if (n.equals(zone)) {
                return null;
            }
            n = n.substring(n.indexOf('.') + 1);
        }
    }
}
