package io.herald.gossip;

import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import java.util.Map;
import java.util.Optional;

/**
 * How much one node may publish. A node's whole catalogue travels as one snapshot to every peer on every change
 * (and on every repair pull), so the limits bound both memory per peer and the bytes a health flap costs the cluster.
 */
final class CatalogLimits {
    /** Instances one node may own. */
    static final int MAX_INSTANCES = 2000;
    /** Encoded snapshot bytes one node may publish (about 500 bytes per instance at the instance limit). */
    static final int MAX_BYTES = 1 << 20;

    private CatalogLimits() {}

    /** Why {@code local} cannot be published, or empty when it fits. */
    static Optional<String> problem(String node, String boot, Map<InstanceKey, ServiceInstance> local) {
        long bytes = CatalogCodec.headerSize(node, boot);
        for (ServiceInstance i : local.values()) {
            bytes += CatalogCodec.encodedSize(i);
        }
        return problem(node, local.size(), bytes);
    }

    /** Why {@code candidate} cannot be added to (or replace its key in) {@code local}, or empty when it fits. */
    static Optional<String> problemAfter(String node, String boot, Map<InstanceKey, ServiceInstance> local,
                                        ServiceInstance candidate) {
        long bytes = CatalogCodec.headerSize(node, boot);
        for (ServiceInstance i : local.values()) {
            bytes += CatalogCodec.encodedSize(i);
        }
        ServiceInstance old = local.get(candidate.key());
        if (old != null) {
            bytes -= CatalogCodec.encodedSize(old);
        }
        bytes += CatalogCodec.encodedSize(candidate.withNode(node));
        return problem(node, local.size() + (old == null ? 1 : 0), bytes);
    }

    private static Optional<String> problem(String node, int count, long bytes) {
        if (count > MAX_INSTANCES) {
            return Optional.of("node " + node + " would own " + count + " instances, but one node can gossip at most "
                    + MAX_INSTANCES + "; register it on another node or deregister unused instances");
        }
        if (bytes > MAX_BYTES) {
            return Optional.of("node " + node + " would publish " + bytes + " bytes of instances, but one node can "
                    + "gossip at most " + MAX_BYTES + " bytes; use fewer or shorter tags and meta, or register on "
                    + "another node");
        }
        return Optional.empty();
    }
}
