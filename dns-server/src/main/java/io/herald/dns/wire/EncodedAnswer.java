package io.herald.dns.wire;

import io.herald.dns.index.ZoneIndex;

/**
 * One question's reply, encoded once: header flags and counts, and everything after the question for each
 * rotation of the records. Valid while the record set it came from is the one served: {@code token} is that
 * {@code NameNode} (kept by identity across snapshots while unchanged); for a name that does not exist
 * (NXDOMAIN), the closest existing encloser, whose negative TTL the SOA carries, while the name stays absent; for
 * answers that depend on more than one name, the whole {@link ZoneIndex}.
 *
 * <p>{@code owner} is the lower-case owner name (to find the current record set); {@code flags} the header flags
 * without RD and CD (the query's are copied in); {@code bodies} the sections after the question, one per
 * rotation; {@code serialOffsets} where SOA serials sit in a body, patched with the serving snapshot's serial of
 * {@code soaZone}.
 */
final class EncodedAnswer {
    private final Object token;
    private final boolean indexScoped;
    private final Object zones;
    private final String owner;
    private final int flags;
    private final int an;
    private final int ns;
    private final int ar;
    private final byte[][] bodies;
    private final int[] serialOffsets;
    private final String soaZone;
    private final boolean absent;
    /** The last snapshot this answer was found valid for: saves the name lookup until the next snapshot. */
    private volatile ZoneIndex checked;

    EncodedAnswer(Object token, boolean indexScoped, Object zones, String owner, int flags, int an, int ns, int ar,
                  byte[][] bodies, int[] serialOffsets, String soaZone, boolean absent) {
        this.token = token;
        this.indexScoped = indexScoped;
        this.zones = zones;
        this.owner = owner;
        this.flags = flags;
        this.an = an;
        this.ns = ns;
        this.ar = ar;
        this.bodies = bodies;
        this.serialOffsets = serialOffsets;
        this.soaZone = soaZone;
        this.absent = absent;
    }

    /**
     * What an answer for the absent name {@code owner} depends on: its closest existing encloser (the negative TTL
     * comes from it), or the zone apex (whose SOA gives the minimum) when there is none.
     */
    static Object absentToken(ZoneIndex index, String owner, String zone) {
        Object encloser = index.closestEncloser(owner, zone);
        return encloser != null ? encloser : index.names().get(zone);
    }

    boolean validFor(ZoneIndex index) {
        if (indexScoped) {
            return token == index;
        }
        if (checked == index) {
            return true;
        }
        boolean valid = zones == index.zones() && (absent
                ? !index.names().containsKey(owner) && token == absentToken(index, owner, soaZone)
                : token == index.names().get(owner));
        if (valid) {
            checked = index;
        }
        return valid;
    }

    int flags() {
        return flags;
    }

    int an() {
        return an;
    }

    int ns() {
        return ns;
    }

    int ar() {
        return ar;
    }

    byte[][] bodies() {
        return bodies;
    }

    int[] serialOffsets() {
        return serialOffsets;
    }

    String soaZone() {
        return soaZone;
    }

    int rcode() {
        return flags & 0xf;
    }
}
