package io.herald.ttl;

import io.herald.core.Health;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;

/**
 * What the policy remembers about one service: a fingerprint of its instances (who, where, how healthy, whether
 * their node is reachable) and since when that fingerprint has been unchanged.
 *
 * @param suspect an instance's node is suspected by membership; the service stays at the minimum TTL meanwhile
 */
record Stability(Map<String, Member> fingerprint, Instant since, boolean suspect) {

    /** The parts of an instance whose change makes its service "changing". */
    record Member(InetAddress address, int port, Health health, boolean reachable) {}

    static Stability of(Map<String, Member> fingerprint, Instant since) {
        boolean suspect = fingerprint.values().stream().anyMatch(m -> !m.reachable());
        return new Stability(Map.copyOf(fingerprint), since, suspect);
    }
}
