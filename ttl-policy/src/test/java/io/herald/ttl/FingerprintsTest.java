package io.herald.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.Catalog;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The incremental fingerprints equal a from-scratch fingerprint of every snapshot of a random catalogue history. */
class FingerprintsTest {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    @Test
    void incrementalFingerprintsMatchFullOnesOverRandomChanges() {
        Random r = new Random(7);
        CatalogStore store = new CatalogStore("local");
        Fingerprints incremental = new Fingerprints();
        Map<String, List<ServiceInstance>> remote = new HashMap<>();
        for (int step = 0; step < 600; step++) {
            ServiceInstance i = ServiceInstance.of("svc-" + r.nextInt(6), r.nextBoolean() ? "prod" : "dev",
                    "i-" + r.nextInt(20), LO, 80 + r.nextInt(2));
            String peer = "peer-" + r.nextInt(3);
            switch (r.nextInt(7)) {
                case 0, 1 -> store.register(i);
                case 2 -> store.deregister(i.key());
                case 3 -> store.updateHealth(i.key(), Health.values()[r.nextInt(Health.values().length)]);
                case 4 -> {
                    List<ServiceInstance> list = new ArrayList<>(remote.getOrDefault(peer, List.of()));
                    list.removeIf(x -> x.key().equals(i.key()));
                    if (r.nextBoolean()) {
                        list.add(i);
                    }
                    remote.put(peer, list);
                    store.replaceNode(peer, list);
                }
                case 5 -> store.setReachable(peer, r.nextBoolean());
                default -> {
                    remote.remove(peer);
                    store.removeNode(peer);
                }
            }
            Set<ServiceName> touched = incremental.advance(store.current());
            Map<ServiceName, Map<String, Stability.Member>> full = fullFingerprints(store.current());
            for (ServiceName svc : Set.copyOf(full.keySet())) {
                assertThat(incremental.of(svc)).as("step %d, %s", step, svc).isEqualTo(full.get(svc));
            }
            for (ServiceName svc : touched) {
                if (!full.containsKey(svc)) {
                    assertThat(incremental.of(svc)).as("step %d, %s has no instances", step, svc).isNull();
                }
            }
        }
    }

    /** The reference: every service's fingerprint computed from scratch from one snapshot. */
    private static Map<ServiceName, Map<String, Stability.Member>> fullFingerprints(Catalog catalog) {
        Map<ServiceName, Map<String, Stability.Member>> out = new HashMap<>();
        catalog.byNode().forEach((node, instances) -> {
            boolean reachable = !catalog.unreachable().contains(node);
            for (ServiceInstance i : instances.values()) {
                out.computeIfAbsent(new ServiceName(i.env(), i.service()), k -> new HashMap<>())
                        .put(node + "/" + i.id(), new Stability.Member(i.address(), i.port(), i.health(), reachable));
            }
        });
        return out;
    }
}
