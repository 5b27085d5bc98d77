package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.Catalog;
import io.herald.core.cluster.Member;
import io.herald.core.cluster.MemberEvent;
import io.herald.core.cluster.MemberState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * Nodes killed, frozen, restarted and stopped for real: two members run in this JVM (observers a and b), the
 * victim {@code c} runs {@code NodeMain} in a child JVM on the lan profile's timings.
 */
class ChildProcessFailureTest {
    private static final Duration JOINED = Duration.ofSeconds(20);
    /** SIGKILL or SIGSTOP to "c's instances are no longer served" on every survivor. */
    private static final Duration HIDDEN = Duration.ofMillis(2500);
    private static final Set<String> C_INSTANCES = Set.of("c/c-0", "c/c-1");

    private final List<LocalNode> locals = new ArrayList<>();
    private final List<ChildNode> children = new ArrayList<>();
    private LocalNode a;
    private LocalNode b;

    @BeforeEach
    void startObservers() {
        a = LocalNode.start("a", List.of());
        locals.add(a);
        b = LocalNode.start("b", List.of(a.seed()));
        locals.add(b);
    }

    @AfterEach
    void stopAll() {
        for (ChildNode c : children) {
            c.close();
        }
        LocalNode.closeAll(locals);
    }

    private ChildNode child(String name, int port, int instances) throws IOException {
        ChildNode c = ChildNode.start(name, port, List.of(a.seed()), instances);
        children.add(c);
        return c;
    }

    private static Predicate<Catalog> serves(Set<String> instances) {
        return cat -> Await.visible(cat).containsAll(instances);
    }

    private static Predicate<Catalog> servesNoneOf(String node) {
        return cat -> Await.visible(cat).stream().noneMatch(i -> i.startsWith(node + "/"));
    }

    private static Predicate<Catalog> forgot(String node) {
        return cat -> !cat.byNode().containsKey(node) && !cat.unreachable().contains(node);
    }

    private static Duration left(long t0, Duration total) {
        return total.minusNanos(System.nanoTime() - t0).isNegative() ? Duration.ofMillis(1)
                : total.minusNanos(System.nanoTime() - t0);
    }

    /** Measured times go to the test output, to compare against the profile's documented detection times. */
    private static void report(String what, long t0) {
        System.out.printf("%s: %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
    }

    private MemberState stateOf(LocalNode observer, String name) {
        return observer.membership.members().stream().filter(m -> m.name().equals(name))
                .map(Member::state).findFirst().orElse(null);
    }

    @Test
    void sigkilledNodeLeavesEveryCatalogueWithinTwoSeconds() throws IOException {
        ChildNode c = child("c", Ports.free(), 2);
        ChildNode d = child("d", Ports.free(), 1);
        for (LocalNode o : locals) {
            Await.catalog(o.store, JOINED, "c and d", serves(Set.of("c/c-0", "c/c-1", "d/d-0")));
        }
        d.awaitVisible(JOINED, "c's instances", v -> v.containsAll(C_INSTANCES));

        List<MemberEvent> aboutC = new CopyOnWriteArrayList<>();
        Disposable sub = a.membership.events().filter(e -> e.member().name().equals("c")).subscribe(aboutC::add);
        long t0 = System.nanoTime();
        c.kill();
        for (LocalNode o : locals) {
            Await.catalog(o.store, left(t0, HIDDEN), "c's instances hidden", servesNoneOf("c"));
        }
        report("SIGKILL -> hidden on a, b", t0);
        Set<String> atD = d.awaitVisible(left(t0, HIDDEN), "c's instances hidden",
                v -> v.stream().noneMatch(i -> i.startsWith("c/")));
        assertThat(atD).contains("d/d-0").noneMatch(i -> i.startsWith("c/"));

        for (LocalNode o : locals) {
            Await.catalog(o.store, Duration.ofSeconds(4), "c removed", forgot("c"));
            assertThat(stateOf(o, "c")).isEqualTo(MemberState.FAILED);
            assertThat(Await.visible(o.store.current())).contains("d/d-0");
        }
        report("SIGKILL -> removed on a, b", t0);
        sub.dispose();
        assertThat(aboutC).extracting(MemberEvent::type).containsSubsequence(MemberEvent.Type.SUSPECT,
                MemberEvent.Type.FAILED).doesNotContain(MemberEvent.Type.LEFT);
    }

    @Test
    void frozenNodeIsHiddenThenRemovedAndReturnsWhenThawed() throws IOException {
        ChildNode c = child("c", Ports.free(), 2);
        for (LocalNode o : locals) {
            Await.catalog(o.store, JOINED, "c's instances", serves(C_INSTANCES));
        }

        long t0 = System.nanoTime();
        c.freeze();
        for (LocalNode o : locals) {
            Await.catalog(o.store, left(t0, HIDDEN), "frozen c's instances hidden", servesNoneOf("c"));
        }
        report("SIGSTOP -> hidden on a, b", t0);
        for (LocalNode o : locals) {
            Await.catalog(o.store, Duration.ofSeconds(4), "frozen c removed", forgot("c"));
            assertThat(stateOf(o, "c")).isEqualTo(MemberState.FAILED);
        }
        report("SIGSTOP -> removed on a, b", t0);

        long thawed = System.nanoTime();
        c.thaw();
        for (LocalNode o : locals) {
            Await.catalog(o.store, Duration.ofSeconds(8), "thawed c's instances back", serves(C_INSTANCES));
            assertThat(stateOf(o, "c")).isEqualTo(MemberState.ALIVE);
        }
        report("SIGCONT -> served again on a, b", thawed);
    }

    @Test
    void nodeRestartedWithTheSameNameRejoinsAndRepublishes() throws IOException {
        int port = Ports.free();
        ChildNode c = child("c", port, 2);
        for (LocalNode o : locals) {
            Await.catalog(o.store, JOINED, "c's instances", serves(C_INSTANCES));
        }
        c.kill();
        for (LocalNode o : locals) {
            Await.catalog(o.store, Duration.ofSeconds(5), "killed c removed", forgot("c"));
        }

        child("c", port, 3);
        Set<String> restarted = Set.of("c/c-0", "c/c-1", "c/c-2");
        for (LocalNode o : locals) {
            Await.catalog(o.store, JOINED, "restarted c's three instances", serves(restarted));
            assertThat(stateOf(o, "c")).isEqualTo(MemberState.ALIVE);
        }
    }

    @Test
    void nodeKilledAndRestartedAtOnceOnAnotherPortReplacesItsOldSelf() throws IOException {
        ChildNode c = child("c", Ports.free(), 2);
        for (LocalNode o : locals) {
            Await.catalog(o.store, JOINED, "c's instances", serves(C_INSTANCES));
        }
        c.kill();
        // Restarted before the peers could detect the crash: they still hold c at its old address.
        int newPort = Ports.free();
        child("c", newPort, 3);
        Set<String> restarted = Set.of("c/c-0", "c/c-1", "c/c-2");
        for (LocalNode o : locals) {
            Await.catalog(o.store, JOINED, "restarted c's three instances", serves(restarted));
            Member m = o.membership.members().stream().filter(x -> x.name().equals("c")).findFirst().orElseThrow();
            assertThat(m.address()).isEqualTo("127.0.0.1:" + newPort);
            assertThat(m.state()).isEqualTo(MemberState.ALIVE);
        }
    }

    @Test
    void sigtermLeavesGracefullyAndPeersDropTheNodeAtOnce() throws IOException {
        int port = Ports.free();
        ChildNode c = child("c", port, 2);
        for (LocalNode o : locals) {
            Await.catalog(o.store, JOINED, "c's instances", serves(C_INSTANCES));
        }

        long t0 = System.nanoTime();
        c.terminate();
        // Well under failure detection, which needs a failed probe round plus failure_timeout (1 s).
        Duration leave = Duration.ofMillis(900);
        for (LocalNode o : locals) {
            Await.catalog(o.store, left(t0, leave), "c forgotten after its leave", forgot("c"));
            assertThat(stateOf(o, "c")).isEqualTo(MemberState.LEFT);
        }
        report("SIGTERM -> forgotten on a, b", t0);
        c.waitExit();

        child("c", port, 1);
        for (LocalNode o : locals) {
            Await.catalog(o.store, JOINED, "c back after a restart", serves(Set.of("c/c-0")));
            assertThat(stateOf(o, "c")).isEqualTo(MemberState.ALIVE);
        }
    }
}
