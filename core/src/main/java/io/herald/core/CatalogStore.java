package io.herald.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The single owner of Herald's instance catalogue. Writers (HTTP API, config, health checker, gossip) are
 * serialised by a monitor; each write builds the next {@link Catalog} and swaps it in atomically. Readers call
 * {@link #current()} or subscribe to {@link #changes()} and never block writers.
 */
public final class CatalogStore {
    private final String localNode;
    private final AtomicReference<Catalog> current = new AtomicReference<>(Catalog.EMPTY);
    private final Sinks.Many<Catalog> sink = Sinks.many().replay().latest();
    private final Object writeLock = new Object();

    public CatalogStore(String localNode) {
        this.localNode = Labels.label("node.name", localNode);
        sink.tryEmitNext(Catalog.EMPTY);
    }

    public String localNode() {
        return localNode;
    }

    public Catalog current() {
        return current.get();
    }

    /** Every published snapshot, starting with the current one. Slow subscribers should use onBackpressureLatest. */
    public Flux<Catalog> changes() {
        return sink.asFlux();
    }

    /** Registers or replaces a local instance; the stored copy (owned by this node) is returned. */
    public ServiceInstance register(ServiceInstance instance) {
        ServiceInstance owned = instance.withNode(localNode);
        synchronized (writeLock) {
            Catalog c = current.get();
            ShardedMap<InstanceKey, ServiceInstance> local = nodeMap(c, localNode);
            ShardedMap<InstanceKey, ServiceInstance> next = local.with(owned.key(), owned);
            if (next != local) {
                publish(c, withNode(c, localNode, next), c.unreachable());
            }
        }
        return owned;
    }

    /** Removes a local instance; returns the removed one, or empty when the key is unknown here. */
    public Optional<ServiceInstance> deregister(InstanceKey key) {
        synchronized (writeLock) {
            Catalog c = current.get();
            ShardedMap<InstanceKey, ServiceInstance> local = nodeMap(c, localNode);
            ServiceInstance removed = local.get(key);
            if (removed != null) {
                publish(c, withNode(c, localNode, local.with(key, null)), c.unreachable());
            }
            return Optional.ofNullable(removed);
        }
    }

    /** Sets the health of a local instance; no-op (returns false) for unknown keys or unchanged health. */
    public boolean updateHealth(InstanceKey key, Health health) {
        return updateHealth(Map.of(key, health)) == 1;
    }

    /**
     * Sets the health of several local instances with one published snapshot (a health checker may flip thousands
     * at once); unknown keys and unchanged health are skipped.
     *
     * @return how many instances changed
     */
    public int updateHealth(Map<InstanceKey, Health> updates) {
        synchronized (writeLock) {
            Catalog c = current.get();
            ShardedMap<InstanceKey, ServiceInstance> local = nodeMap(c, localNode);
            Map<InstanceKey, ServiceInstance> changes = new HashMap<>();
            for (Map.Entry<InstanceKey, Health> e : updates.entrySet()) {
                ServiceInstance old = local.get(e.getKey());
                if (old != null && old.health() != e.getValue()) {
                    changes.put(e.getKey(), old.withHealth(e.getValue()));
                }
            }
            if (!changes.isEmpty()) {
                publish(c, withNode(c, localNode, local.withAll(changes)), c.unreachable());
            }
            return changes.size();
        }
    }

    public Optional<ServiceInstance> local(InstanceKey key) {
        return Optional.ofNullable(current.get().ofNode(localNode).get(key));
    }

    public Collection<ServiceInstance> localInstances() {
        return current.get().ofNode(localNode).values();
    }

    /**
     * Replaces everything known about a remote node (gossip state of that node). Unchanged instances keep their
     * stored objects and shards, so readers diffing two snapshots see only what changed.
     */
    public void replaceNode(String node, Collection<ServiceInstance> instances) {
        if (node.equals(localNode)) {
            throw new IllegalArgumentException("remote update names the local node " + node);
        }
        Map<InstanceKey, ServiceInstance> changes = new HashMap<>();
        for (ServiceInstance i : instances) {
            ServiceInstance owned = i.withNode(node);
            changes.put(owned.key(), owned);
        }
        synchronized (writeLock) {
            Catalog c = current.get();
            ShardedMap<InstanceKey, ServiceInstance> before = nodeMap(c, node);
            for (InstanceKey key : before.keySet()) {
                changes.putIfAbsent(key, null); // gone from the peer's snapshot: removed
            }
            ShardedMap<InstanceKey, ServiceInstance> after = before.withAll(changes);
            if (after != before) {
                publish(c, withNode(c, node, after), c.unreachable());
            }
        }
    }

    /** Forgets a remote node (it left or was removed by membership). */
    public void removeNode(String node) {
        synchronized (writeLock) {
            Catalog c = current.get();
            if (!c.byNode().containsKey(node) && !c.unreachable().contains(node)) {
                return;
            }
            Map<String, Map<InstanceKey, ServiceInstance>> next = new HashMap<>(c.byNode());
            next.remove(node);
            Set<String> unreachable = new HashSet<>(c.unreachable());
            unreachable.remove(node);
            publish(c, next, unreachable);
        }
    }

    /** Marks a remote node suspected (its instances leave answers) or reachable again (they return). */
    public void setReachable(String node, boolean reachable) {
        synchronized (writeLock) {
            Catalog c = current.get();
            if (reachable != c.unreachable().contains(node)) {
                return;
            }
            Set<String> unreachable = new HashSet<>(c.unreachable());
            if (reachable) {
                unreachable.remove(node);
            } else {
                unreachable.add(node);
            }
            publish(c, c.byNode(), unreachable);
        }
    }

    private static ShardedMap<InstanceKey, ServiceInstance> nodeMap(Catalog c, String node) {
        return ShardedMap.of(c.ofNode(node), Catalog.NODE_SHARD_BITS);
    }

    private static Map<String, Map<InstanceKey, ServiceInstance>> withNode(
            Catalog c, String node, ShardedMap<InstanceKey, ServiceInstance> instances) {
        Map<String, Map<InstanceKey, ServiceInstance>> next = new HashMap<>(c.byNode());
        if (instances.isEmpty()) {
            next.remove(node);
        } else {
            next.put(node, instances);
        }
        return next;
    }

    private void publish(Catalog prev, Map<String, Map<InstanceKey, ServiceInstance>> byNode, Set<String> unreachable) {
        Catalog next = new Catalog(prev.version() + 1, byNode, unreachable);
        current.set(next);
        // Emission is serialised by writeLock, so FAIL_NON_SERIALIZED cannot happen here.
        sink.tryEmitNext(next);
    }
}
