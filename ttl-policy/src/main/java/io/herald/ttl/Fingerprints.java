package io.herald.ttl;

import io.herald.core.Catalog;
import io.herald.core.ShardedMap;
import io.herald.core.ServiceInstance;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every service's fingerprint ({@link Stability.Member} per instance), kept in step with catalogue snapshots by
 * applying only their differences: one registration touches one service instead of re-fingerprinting the whole
 * catalogue (which cost milliseconds per change at ten thousand instances). Not thread-safe; the policy calls it
 * under its own lock.
 */
final class Fingerprints {
    private final Map<ServiceName, Map<String, Stability.Member>> byService = new HashMap<>();
    private Catalog observed = Catalog.EMPTY;

    /** Moves to {@code next}; returns the services whose fingerprint may have changed. */
    Set<ServiceName> advance(Catalog next) {
        Catalog prev = observed;
        observed = next;
        Set<ServiceName> touched = new HashSet<>();
        Set<String> nodes = new HashSet<>(prev.byNode().keySet());
        nodes.addAll(next.byNode().keySet());
        nodes.addAll(prev.unreachable());
        nodes.addAll(next.unreachable());
        for (String node : nodes) {
            boolean reachable = !next.unreachable().contains(node);
            if (reachable != !prev.unreachable().contains(node)) {
                // Reachability is part of every member of this node: redo all of them.
                prev.ofNode(node).values().forEach(i -> remove(node, i, touched));
                next.ofNode(node).values().forEach(i -> add(node, i, reachable, touched));
                continue;
            }
            ShardedMap.diff(prev.ofNode(node), next.ofNode(node), (before, after) -> {
                if (before != null) {
                    remove(node, before, touched);
                }
                if (after != null) {
                    add(node, after, reachable, touched);
                }
            });
        }
        return touched;
    }

    /** The current fingerprint of {@code svc}, or null when it has no instances. */
    Map<String, Stability.Member> of(ServiceName svc) {
        return byService.get(svc);
    }

    private void remove(String node, ServiceInstance i, Set<ServiceName> touched) {
        ServiceName svc = new ServiceName(i.env(), i.service());
        Map<String, Stability.Member> m = byService.get(svc);
        if (m != null && m.remove(node + "/" + i.id()) != null) {
            touched.add(svc);
            if (m.isEmpty()) {
                byService.remove(svc);
            }
        }
    }

    private void add(String node, ServiceInstance i, boolean reachable, Set<ServiceName> touched) {
        ServiceName svc = new ServiceName(i.env(), i.service());
        byService.computeIfAbsent(svc, k -> new HashMap<>())
                .put(node + "/" + i.id(), new Stability.Member(i.address(), i.port(), i.health(), reachable));
        touched.add(svc);
    }
}
