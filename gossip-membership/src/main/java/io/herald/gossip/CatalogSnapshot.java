package io.herald.gossip;

import io.herald.core.ServiceInstance;
import java.util.List;

/**
 * Everything one node owns, as sent to peers: a full snapshot, never a delta, so a peer that missed any number of
 * versions is repaired by the next one it receives.
 *
 * @param node    the owning node
 * @param boot    identifies the owning process; a restart with the same name gets a new boot
 * @param version increases with every published change within one boot
 */
record CatalogSnapshot(String node, String boot, long version, List<ServiceInstance> instances) {
    CatalogSnapshot {
        instances = List.copyOf(instances);
    }
}
