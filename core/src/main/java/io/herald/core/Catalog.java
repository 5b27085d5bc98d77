package io.herald.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of every instance Herald knows, grouped by owning node. A new snapshot is built off to
 * the side for every change and published with one atomic swap by {@link CatalogStore}; readers never lock.
 *
 * @param version     strictly increasing per store, so caches keyed by version never serve stale data
 * @param byNode      node name to that node's instances
 * @param unreachable nodes currently suspected by membership: their instances are kept but not served
 */
public record Catalog(long version, Map<String, Map<InstanceKey, ServiceInstance>> byNode, Set<String> unreachable) {

    /** Each node's instances are a {@link ShardedMap} of {@code 2^NODE_SHARD_BITS} shards (see {@link CatalogStore}). */
    public static final int NODE_SHARD_BITS = 8;
    public static final Catalog EMPTY = new Catalog(0, Map.of(), Set.of());

    public Catalog {
        byNode = Collections.unmodifiableMap(byNode);
        unreachable = Set.copyOf(unreachable);
    }

    /** Every instance on every node, reachable or not. */
    public List<ServiceInstance> all() {
        List<ServiceInstance> out = new ArrayList<>();
        byNode.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** Instances that may be served: owned by a reachable node. Health filtering is the DNS layer's job. */
    public List<ServiceInstance> visible() {
        List<ServiceInstance> out = new ArrayList<>();
        byNode.forEach((node, m) -> {
            if (!unreachable.contains(node)) {
                out.addAll(m.values());
            }
        });
        return out;
    }

    public Map<InstanceKey, ServiceInstance> ofNode(String node) {
        return byNode.getOrDefault(node, ShardedMap.empty(NODE_SHARD_BITS));
    }

    public int size() {
        int n = 0;
        for (Map<InstanceKey, ServiceInstance> m : byNode.values()) {
            n += m.size();
        }
        return n;
    }
}
