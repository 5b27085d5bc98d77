package io.herald.gossip;

import io.atomix.cluster.AtomixCluster;
import io.atomix.cluster.MemberConfig;
import io.atomix.cluster.messaging.impl.NettyMessagingService;
import io.atomix.cluster.protocol.SwimMembershipProtocolConfig;
import io.atomix.utils.net.Address;
import java.util.List;
import java.util.Properties;

/**
 * Atomix's cluster layer (SWIM membership, TCP messaging, UDP gossip) built the way Herald needs it: the
 * messaging service has deadlines on every request, seeds are joined through {@link SeedDiscovery}, and both
 * listeners bind to the configured address instead of Atomix's default 0.0.0.0.
 */
final class AtomixNode extends AtomixCluster {
    static final String CLUSTER_ID = "herald";

    private final SeedDiscovery seeds;
    private final DeadlineMessagingService messaging;

    private AtomixNode(io.atomix.cluster.ClusterConfig config, DeadlineMessagingService messaging, SeedDiscovery seeds) {
        super(config, null, messaging, buildUnicastService(config), buildBroadcastService(config));
        this.seeds = seeds;
        this.messaging = messaging;
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
        return new AtomixNode(ac, messaging, seeds);
    }

    SeedDiscovery seeds() {
        return seeds;
    }

    DeadlineMessagingService messaging() {
        return messaging;
    }
}
