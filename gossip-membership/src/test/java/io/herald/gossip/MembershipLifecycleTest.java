package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.core.CatalogStore;
import io.herald.core.MetricNames;
import io.herald.core.ServiceInstance;
import io.herald.core.cluster.Member;
import io.herald.core.cluster.MemberState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MembershipLifecycleTest {
    private final List<LocalNode> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        LocalNode.closeAll(nodes);
    }

    @Test
    void aDisabledClusterBindsNothingAndListsOnlyItself() throws IOException {
        int port = Ports.free();
        CatalogStore store = new CatalogStore("solo");
        store.register(ServiceInstance.of("svc", "prod", "x", InetAddress.getLoopbackAddress(), 80));
        GossipMembership m = GossipMembership.create(ClusterConfig.builder().port(port).build(), store);
        m.start();
        try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(free.getLocalPort()).isEqualTo(port);
        }
        assertThat(m.members()).containsExactly(new Member("solo", "127.0.0.1:" + port, MemberState.ALIVE, 1, true));
        m.close();
        assertThat(m.events().collectList().block(Duration.ofSeconds(1))).isEmpty();
        assertThatThrownBy(m::start).hasMessageContaining("was closed");
    }

    @Test
    void aTakenPortIsAClearError() throws IOException {
        int port = Ports.free();
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(taken.isBound()).isTrue();
            GossipMembership m = GossipMembership.create(ClusterConfig.forTest(port, List.of()), new CatalogStore("x"));
            assertThatThrownBy(m::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cluster: cannot listen on 127.0.0.1:" + port)
                    .hasMessageContaining("check cluster.address and cluster.port");
            m.close();
        }
    }

    @Test
    void periodicRejoinFindsASeedThatStartedLater() {
        int seedPort = Ports.free();
        ClusterConfig late = ClusterConfig.builder().enabled(true).address("127.0.0.1").port(Ports.free())
                .join(List.of(new Seed("127.0.0.1", seedPort))).rejoinInterval(Duration.ofMillis(300)).build();
        LocalNode joiner = new LocalNode("joiner", late);
        nodes.add(joiner);
        joiner.register("j-1");
        // start() returns after the first (failed: nothing listens yet) attempt to contact the seed.
        joiner.membership.start();

        LocalNode seed = new LocalNode("seed", ClusterConfig.forTest(seedPort, List.of()));
        nodes.add(seed);
        seed.register("s-1");
        seed.membership.start();
        // The seed knows no one; only the joiner's periodic rejoin can bring the two together.
        Await.catalog(seed.store, Duration.ofSeconds(3), "joiner/j-1", c -> Await.visible(c).contains("joiner/j-1"));
        Await.catalog(joiner.store, Duration.ofSeconds(3), "seed/s-1", c -> Await.visible(c).contains("seed/s-1"));
    }

    @Test
    void anOversizedLocalCatalogueIsRefusedLoudlyAndPeersKeepTheLastVersion() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LocalNode a = new LocalNode("a", ClusterConfig.forTest(Ports.free(), List.of()));
        nodes.add(a);
        ClusterConfig bConfig = ClusterConfig.forTest(Ports.free(), List.of(a.seed()));
        CatalogStore bStore = new CatalogStore("b");
        LocalNode b = new LocalNode("b", GossipMembership.create(bConfig, bStore, registry), bStore, bConfig.port());
        nodes.add(b);
        a.membership.start();
        b.membership.start();
        b.register("b-0");
        Await.catalog(a.store, Duration.ofSeconds(10), "b/b-0", c -> Await.visible(c).contains("b/b-0"));
        assertThat(registry.get(MetricNames.GOSSIP_UPDATES).tag(MetricNames.TAG_KIND, "published").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get(MetricNames.MEMBERS).tag(MetricNames.TAG_STATE, "alive").gauge().value()).isEqualTo(2);
        System.gc(); // the gauge must survive collection (it once held its supplier weakly and read NaN)
        assertThat(registry.get(MetricNames.MEMBERS).tag(MetricNames.TAG_STATE, "alive").gauge().value()).isEqualTo(2);

        // Fill b up to the limit: every version fits and reaches a.
        for (int i = 1; i < b.membership.maxLocalInstances(); i++) {
            b.register("b-" + i);
        }
        Await.catalog(a.store, Duration.ofSeconds(10), "b's 2000 instances", c -> c.ofNode("b").size() == 2000);

        // Bypassing checkCanRegister (as a bulk import might) pushes b one instance over the limit.
        b.register("b-2000");
        b.membership.drained().join();
        assertThat(b.store.current().ofNode("b")).hasSize(2001);
        assertThat(b.membership.publishProblem()).hasValueSatisfying(p -> assertThat(p).contains("2001 instances"));
        assertThat(registry.get(MetricNames.GOSSIP_UPDATES).tag(MetricNames.TAG_KIND, "refused").counter().count())
                .isEqualTo(1);
        // Nothing was sent: peers keep the last version that fitted.
        assertThat(a.store.current().ofNode("b")).hasSize(2000);
        assertThat(Await.visible(a.store.current())).contains("b/b-1999").doesNotContain("b/b-2000");

        // Back under the limit, publishing resumes with everything that fits.
        b.store.deregister(new io.herald.core.InstanceKey("prod", "svc", "b-1"));
        Await.catalog(a.store, Duration.ofSeconds(3), "b's version without b-1",
                c -> Await.visible(c).contains("b/b-2000"));
        assertThat(b.membership.publishProblem()).isEmpty();
        assertThat(Await.visible(a.store.current())).contains("b/b-0", "b/b-2000").doesNotContain("b/b-1");
        assertThat(a.store.current().ofNode("b")).hasSize(2000);
    }
}
