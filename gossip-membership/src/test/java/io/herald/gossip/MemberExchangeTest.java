package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.CatalogStore;
import io.herald.core.MetricNames;
import io.herald.core.cluster.Member;
import io.herald.core.cluster.MemberState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Members that lost each other's gossip still meet: real nodes whose UDP gossip is dropped learn members only from
 * direct probes, so two nodes that joined through the same seed stay strangers unless member lists are swapped.
 */
class MemberExchangeTest {
    private static final Duration REJOIN = Duration.ofMillis(300);
    private static final Duration MET = Duration.ofSeconds(8);

    private final List<LocalNode> nodes = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeNodes() {
        LocalNode.closeAll(nodes);
    }

    private LocalNode node(String name, List<Seed> seeds, SimpleMeterRegistry registry) {
        int port = Ports.free();
        ClusterConfig config = ClusterConfig.builder().enabled(true).address("127.0.0.1").port(port).join(seeds)
                .rejoinInterval(REJOIN).build();
        CatalogStore store = new CatalogStore(name);
        GossipMembership m = GossipMembership.create(config, store, registry);
        m.gossipOpen(false);
        LocalNode n = new LocalNode(name, m, store, port);
        nodes.add(n);
        m.start();
        return n;
    }

    @Test
    void nodesThatJoinedThroughOneSeedWithoutGossipMeetAndShareCatalogues() {
        SimpleMeterRegistry bMetrics = new SimpleMeterRegistry();
        SimpleMeterRegistry cMetrics = new SimpleMeterRegistry();
        LocalNode seed = node("s", List.of(), null);
        LocalNode b = node("b", List.of(seed.seed()), bMetrics);
        LocalNode c = node("c", List.of(seed.seed()), cMetrics);
        assertThat(names(b)).as("b right after joining").doesNotContain("c");

        c.register("web-1");
        Await.catalog(b.store, MET, "c/web-1 without any UDP gossip", cat -> Await.visible(cat).contains("c/web-1"));
        assertThat(names(b)).contains("s", "c");
        awaitMembers(c, Set.of("s", "b", "c"));
        // Whichever of b and c swapped lists with the seed first introduced the other.
        double introduced = bMetrics.get(MetricNames.MEMBER_INTRODUCTIONS).counter().count()
                + cMetrics.get(MetricNames.MEMBER_INTRODUCTIONS).counter().count();
        assertThat(introduced).as("members b and c met through an exchange").isGreaterThanOrEqualTo(1);
    }

    @Test
    void tenNodesStartedAtOnceWithLostGossipAllMeet() throws Exception {
        LocalNode seed = node("n0", List.of(), null);
        List<CompletableFuture<LocalNode>> starting = new ArrayList<>();
        for (int i = 1; i < 10; i++) {
            String name = "n" + i;
            starting.add(CompletableFuture.supplyAsync(() -> node(name, List.of(seed.seed()), null)));
        }
        for (CompletableFuture<LocalNode> f : starting) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        Set<String> all = nodes.stream().map(n -> n.name).collect(Collectors.toSet());
        for (LocalNode n : List.copyOf(nodes)) {
            awaitMembers(n, all);
        }
    }

    private static Set<String> names(LocalNode n) {
        return n.membership.members().stream().filter(m -> m.state() == MemberState.ALIVE).map(Member::name)
                .collect(Collectors.toSet());
    }

    /** Bounded wait on membership (no change stream for members without instances): polls every 50 ms. */
    private static void awaitMembers(LocalNode n, Set<String> expected) {
        long deadline = System.nanoTime() + MET.toNanos();
        while (!names(n).containsAll(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(n.name + " knows " + names(n) + " after " + MET.toMillis() + " ms, expected "
                        + expected);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
