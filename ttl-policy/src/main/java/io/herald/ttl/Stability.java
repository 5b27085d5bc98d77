package io.herald.ttl;

import io.herald.core.Catalog;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
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

    /** Fingerprints of every service in a catalogue snapshot. */
    static Map<ServiceName, Map<String, Member>> fingerprints(Catalog catalog) {
        Map<ServiceName, Map<String, Member>> out = new HashMap<>();
        catalog.byNode().forEach((node, instances) -> {
            boolean reachable = !catalog.unreachable().contains(node);
            for (Map.Entry<InstanceKey, ServiceInstance> e : instances.entrySet()) {
                ServiceInstance i = e.getValue();
                out.computeIfAbsent(new ServiceName(i.env(), i.service()), k -> new HashMap<>())
                        .put(node + "/" + i.id(), new Member(i.address(), i.port(), i.health(), reachable));
            }
        });
        return out;
    }

    static Stability of(Map<String, Member> fingerprint, Instant since) {
        boolean suspect = fingerprint.values().stream().anyMatch(m -> !m.reachable());
        return new Stability(Map.copyOf(fingerprint), since, suspect);
    }
}
