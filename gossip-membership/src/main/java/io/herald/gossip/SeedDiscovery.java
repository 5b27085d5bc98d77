package io.herald.gossip;

import io.atomix.cluster.BootstrapService;
import io.atomix.cluster.Node;
import io.atomix.cluster.discovery.NodeDiscoveryConfig;
import io.atomix.cluster.discovery.NodeDiscoveryEvent;
import io.atomix.cluster.discovery.NodeDiscoveryEventListener;
import io.atomix.cluster.discovery.NodeDiscoveryProvider;
import io.atomix.utils.event.AbstractListenerManager;
import io.atomix.utils.net.Address;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Joins seeds by announcing them to SWIM as discovered nodes, on demand.
 *
 * <p>Atomix's bootstrap provider lists its seeds on every probe round forever, and seeds are known only by address
 * (not by member name), so a seed never matches a member and keeps taking probe slots from real members. Here the
 * node list is empty; {@link #contact} posts a JOIN for each seed that is not a member yet, which makes SWIM probe
 * it once. The probe exchanges both members' records, and SWIM's gossip spreads them to everyone else.
 */
final class SeedDiscovery extends AbstractListenerManager<NodeDiscoveryEvent, NodeDiscoveryEventListener>
        implements NodeDiscoveryProvider {

    private final SeedDiscoveryConfig config = new SeedDiscoveryConfig(this);

    @Override
    public NodeDiscoveryConfig config() {
        return config;
    }

    @Override
    public Set<Node> getNodes() {
        return Set.of();
    }

    /** Makes SWIM probe each of these seed addresses once (a probe that succeeds adds the seed as a member). */
    void contact(Collection<Address> seeds) {
        for (Address seed : seeds) {
            post(new NodeDiscoveryEvent(NodeDiscoveryEvent.Type.JOIN,
                    Node.builder().withId("seed:" + seed).withAddress(seed).build()));
        }
    }

    @Override
    public CompletableFuture<Void> join(BootstrapService bootstrap, Node localNode) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> leave(Node localNode) {
        return CompletableFuture.completedFuture(null);
    }

    /** Atomix builds discovery providers from their config; this one hands back the instance it belongs to. */
    static final class SeedDiscoveryConfig extends NodeDiscoveryConfig {
        private final SeedDiscovery provider;

        SeedDiscoveryConfig(SeedDiscovery provider) {
            this.provider = provider;
        }

        @Override
        public NodeDiscoveryProvider.Type<SeedDiscoveryConfig> getType() {
            return TYPE;
        }
    }

    private static final NodeDiscoveryProvider.Type<SeedDiscoveryConfig> TYPE =
            new NodeDiscoveryProvider.Type<>() {
                @Override
                public String name() {
                    return "herald-seeds";
                }

                @Override
                public SeedDiscoveryConfig newConfig() {
                    throw new UnsupportedOperationException("seed discovery is built by Herald, not from files");
                }

                @Override
                public NodeDiscoveryProvider newProvider(SeedDiscoveryConfig config) {
                    return config.provider;
                }
            };
}
