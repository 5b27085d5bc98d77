package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.herald.core.cluster.Member;
import io.herald.core.cluster.MemberEvent;
import io.herald.core.cluster.MemberState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** Real Atomix nodes in this JVM on loopback: catalogue changes reach every member. */
class GossipClusterTest {
    private static final Duration FORMED = Duration.ofSeconds(10);
    private static final Duration PROPAGATED = Duration.ofSeconds(1);

    private final List<LocalNode> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        LocalNode.closeAll(nodes);
    }

    /** Starts n nodes joined through the first; each registers {@code <name>-base}; returns once all see all. */
    private List<LocalNode> cluster(int n) {
        LocalNode first = LocalNode.start("n0", List.of());
        nodes.add(first);
        for (int i = 1; i < n; i++) {
            nodes.add(LocalNode.start("n" + i, List.of(first.seed())));
        }
        Set<String> all = nodes.stream().map(x -> x.name + "/" + x.name + "-base").collect(Collectors.toSet());
        for (LocalNode x : nodes) {
            x.register(x.name + "-base");
        }
        for (LocalNode x : nodes) {
            Await.catalog(x.store, FORMED, "all base instances", c -> Await.visible(c).containsAll(all));
        }
        return nodes;
    }

    @Test
    void registrationDeregistrationAndHealthReachEveryNodeOfThree() {
        List<LocalNode> c = cluster(3);
        LocalNode a = c.get(0);
        LocalNode last = c.get(2);

        long t0 = System.nanoTime();
        a.register("web-1");
        Await.catalog(last.store, PROPAGATED, "n0/web-1", cat -> Await.visible(cat).contains("n0/web-1"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("registration propagation time (ms)").isLessThan(PROPAGATED.toMillis());

        InstanceKey key = new InstanceKey("prod", "svc", "web-1");
        a.store.updateHealth(key, Health.CRITICAL);
        Await.catalog(last.store, PROPAGATED, "web-1 critical", cat -> {
            ServiceInstance i = cat.ofNode("n0").get(key);
            return i != null && i.health() == Health.CRITICAL;
        });

        a.store.deregister(key);
        Await.catalog(last.store, PROPAGATED, "web-1 gone", cat -> !cat.ofNode("n0").containsKey(key));
        assertThat(last.store.current().ofNode("n0")).containsOnlyKeys(new InstanceKey("prod", "svc", "n0-base"));
    }

    @Test
    void everyNodeOfFiveSeesEveryOthersChangesAndMembersWithoutFalseSuspicion() {
        List<LocalNode> c = cluster(5);
        List<MemberEvent> alarms = new CopyOnWriteArrayList<>();
        List<Disposable> subs = new ArrayList<>();
        for (LocalNode x : c) {
            subs.add(x.membership.events()
                    .filter(e -> e.type() == MemberEvent.Type.SUSPECT || e.type() == MemberEvent.Type.FAILED)
                    .subscribe(alarms::add));
        }
        for (LocalNode x : c) {
            x.register(x.name + "-extra");
        }
        for (LocalNode x : c) {
            Await.catalog(x.store, PROPAGATED, "every extra instance", cat -> {
                Set<String> v = Await.visible(cat);
                return c.stream().allMatch(y -> v.contains(y.name + "/" + y.name + "-extra"));
            });
        }
        for (LocalNode x : c) {
            List<Member> members = x.membership.members();
            assertThat(members).extracting(Member::name).containsExactlyInAnyOrder("n0", "n1", "n2", "n3", "n4");
            assertThat(members).allMatch(m -> m.state() == MemberState.ALIVE);
            assertThat(members).filteredOn(Member::local).extracting(Member::name).containsExactly(x.name);
            assertThat(members).filteredOn(m -> !m.local()).allMatch(m -> m.instanceCount() == 2);
        }
        // Rounds of changes, each awaited on every node: several seconds of real traffic in a quiet cluster.
        for (int round = 0; round < 10; round++) {
            LocalNode owner = c.get(round % c.size());
            String id = "round-" + round;
            owner.register(id);
            for (LocalNode x : c) {
                Await.catalog(x.store, PROPAGATED, owner.name + "/" + id,
                        cat -> Await.visible(cat).contains(owner.name + "/" + id));
            }
            owner.store.deregister(new InstanceKey("prod", "svc", id));
            for (LocalNode x : c) {
                Await.catalog(x.store, PROPAGATED, owner.name + "/" + id + " gone",
                        cat -> !Await.visible(cat).contains(owner.name + "/" + id));
            }
        }
        subs.forEach(Disposable::dispose);
        assertThat(alarms).as("suspicions in a quiet cluster").isEmpty();
    }

    @Test
    void gracefulCloseRemovesTheNodeFromPeersAtOnce() {
        List<LocalNode> c = cluster(3);
        LocalNode leaver = c.get(2);
        List<MemberEvent> seen = new CopyOnWriteArrayList<>();
        Disposable sub = c.get(0).membership.events().subscribe(seen::add);
        try {
            Thread closer = new Thread(leaver::close, "leaver");
            long t0 = System.nanoTime();
            closer.start();
            for (LocalNode peer : c.subList(0, 2)) {
                Await.catalog(peer.store, Duration.ofMillis(800), "n2 removed",
                        cat -> !cat.byNode().containsKey("n2") && !cat.unreachable().contains("n2"));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // Failure detection would take probe + indirect probe + failure_timeout (1 s) at least.
            assertThat(ms).as("leave propagation (ms)").isLessThan(800);
            assertThat(c.get(0).membership.members()).filteredOn(m -> m.name().equals("n2"))
                    .extracting(Member::state).containsExactly(MemberState.LEFT);
            assertThat(seen).extracting(MemberEvent::type).contains(MemberEvent.Type.LEFT)
                    .doesNotContain(MemberEvent.Type.FAILED);
            closer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sub.dispose();
        }
    }
}
