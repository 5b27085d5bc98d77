package io.herald.gossip;

import io.atomix.cluster.AtomixCluster;
import io.atomix.cluster.MemberConfig;
import io.atomix.cluster.messaging.impl.NettyMessagingService;
import io.atomix.cluster.protocol.SwimMembershipProtocolConfig;
import io.atomix.utils.Version;
import io.atomix.utils.net.Address;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomix's cluster layer (SWIM membership, TCP messaging, UDP gossip) built the way Herald needs it: the
 * messaging service has deadlines on every request, seeds are joined through {@link SeedDiscovery}, and both
 * listeners bind to the configured address instead of Atomix's default 0.0.0.0.
 */
final class AtomixNode extends AtomixCluster {
    static final String CLUSTER_ID = "herald";

    private final SeedDiscovery seeds;
    private final DeadlineMessagingService messaging;
    private final GossipGate gossip;

    private AtomixNode(io.atomix.cluster.ClusterConfig config, DeadlineMessagingService messaging, GossipGate gossip,
                       SeedDiscovery seeds) {
        super(config, bootVersion(), messaging, gossip, buildBroadcastService(config));
        this.seeds = seeds;
        this.messaging = messaging;
        this.gossip = gossip;
    }

    static AtomixNode create(ClusterConfig cfg, String nodeName, Properties initialProperties) {
        Timings t = cfg.timings();
        SeedDiscovery seeds = new SeedDiscovery();
        io.atomix.cluster.ClusterConfig ac = new io.atomix.cluster.ClusterConfig();
        ac.setClusterId(CLUSTER_ID);
        Address address = new Address(cfg.advertisedAddress(), cfg.port(), cfg.address());
        ac.setNodeConfig(new MemberConfig().setId(nodeName).setAddress(address).setProperties(initialProperties));
        ac.setDiscoveryConfig(seeds.config());
        ac.setProtocolConfig(new SwimMembershipProtocolConfig()
                .setProbeInterval(t.probeInterval())
                .setProbeTimeout(t.probeTimeout())
                .setSuspectProbes(t.suspectProbes())
                .setFailureTimeout(t.failureTimeout())
                .setGossipInterval(t.gossipInterval())
                .setGossipFanout(t.gossipFanout())
                // Tell a suspect directly so a live one refutes within one round trip, and tell every member
                // about a failed probe at once instead of waiting for gossip rounds.
                .setNotifySuspect(true)
                .setBroadcastUpdates(true));
        ac.getMessagingConfig()
                .setInterfaces(List.of(cfg.advertisedAddress()))
                .setPort(cfg.port())
                .setConnectTimeout(t.requestTimeout());
        ac.getMulticastConfig().setEnabled(false);
        DeadlineMessagingService messaging = new DeadlineMessagingService(
                new NettyMessagingService(CLUSTER_ID, address, ac.getMessagingConfig()), t.requestTimeout(), nodeName);
        return new AtomixNode(ac, messaging, new GossipGate(buildUnicastService(ac)), seeds);
    }

    /**
     * A SWIM member version unique to this process start. SWIM updates a known member in place (address included)
     * only when the version is unchanged; a new version makes peers evict the old record and add the new one. So a
     * node restarted under the same name, even on another address, replaces its old self at once instead of
     * flapping between its old address (probes fail) and its refutations (new incarnation, old address kept).
     */
    private static Version bootVersion() {
        return Version.from(0, 0, 0, "rc" + ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
    }

    SeedDiscovery seeds() {
        return seeds;
    }

    GossipGate gossip() {
        return gossip;
    }

    DeadlineMessagingService messaging() {
        return messaging;
    }
}
