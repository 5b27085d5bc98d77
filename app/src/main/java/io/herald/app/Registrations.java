package io.herald.app;

import io.herald.core.CatalogStore;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.herald.gossip.GossipMembership;
import io.herald.http.CheckRegistry;
import java.util.List;
import java.util.Map;

/**
 * Every local registration goes through here, from the config file, --demo or the HTTP API: the cluster's
 * catalogue limit is checked before anything is stored, so an oversized catalogue is refused with a clear error
 * instead of being lost on the way to peers.
 */
final class Registrations implements CheckRegistry {
    private final CatalogStore store;
    private final GossipMembership membership;

    Registrations(CatalogStore store, GossipMembership membership) {
        this.store = store;
        this.membership = membership;
    }

    ServiceInstance register(ServiceInstance instance) {
        prepare(instance, List.of()).run();
        return store.register(instance);
    }

    @Override
    public Runnable prepare(ServiceInstance instance, List<Map<String, Object>> checks) {
        if (membership != null) {
            membership.checkCanRegister(instance);
        }
        if (!checks.isEmpty()) {
            throw new io.herald.core.InvalidFieldException("checks", "health checks are not enabled on this node");
        }
        return () -> { };
    }

    @Override
    public void remove(InstanceKey key) {
        // no checks to stop yet
    }
}
