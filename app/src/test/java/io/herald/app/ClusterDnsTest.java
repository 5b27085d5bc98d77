package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.ConfigLoader;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Three whole nodes in one JVM forming a real Atomix cluster on loopback: every node answers for all. */
class ClusterDnsTest {
    private final List<HeraldNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(HeraldNode::close);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private HeraldNode start(String name, int clusterPort, int seedPort) {
        List<String> args = new ArrayList<>(List.of("--node-name", name, "--dns-port", "0", "--http-port", "0",
                "--forward-enabled", "false", "--cluster-enabled", "true", "--cluster-port", String.valueOf(clusterPort),
                "--ttl-stable-after", "0s"));
        if (seedPort > 0) {
            args.addAll(List.of("--join", "127.0.0.1:" + seedPort));
        }
        HeraldNode node = HeraldNode.start(HeraldConfig.from(ConfigLoader.load(args.toArray(String[]::new), Map.of())));
        nodes.add(node);
        return node;
    }

    private static int answers(HeraldNode node, String name, int type) throws IOException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", node.dnsPort()));
        r.setTimeout(Duration.ofSeconds(2));
        Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
        return m.getSection(Section.ANSWER).size();
    }

    /** Polls for at most {@code limit}; returns how long it took for the count to be reached. */
    private static Duration await(HeraldNode node, String name, int count, Duration limit) throws Exception {
        long start = System.nanoTime();
        while (answers(node, name, Type.A) != count) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError(name + " did not reach " + count + " answers within " + limit);
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void instancesRegisteredOnOneNodeAreAnsweredByEveryNode() throws Exception {
        int seed = freePort();
        HeraldNode a = start("node-a", seed, 0);
        HeraldNode b = start("node-b", freePort(), seed);
        HeraldNode c = start("node-c", freePort(), seed);
        a.store().register(ServiceInstance.of("web", "prod", "web-a", InetAddress.getByName("198.18.0.11"), 8080));
        c.store().register(ServiceInstance.of("web", "prod", "web-c", InetAddress.getByName("198.18.0.13"), 8080));

        assertThat(await(c, "web.prod.service", 2, Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(5));
        await(b, "web.prod.service", 2, Duration.ofSeconds(2));
        assertThat(answers(a, "web-a.web.prod.service", Type.A)).isEqualTo(1);
        assertThat(answers(c, "web-a.web.prod.service", Type.A)).isEqualTo(1);

        a.store().deregister(new InstanceKey("prod", "web", "web-a"));
        Duration took = await(c, "web.prod.service", 1, Duration.ofSeconds(2));
        assertThat(took).as("deregistration reaches node C").isLessThan(Duration.ofSeconds(1));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (c.membership().orElseThrow().members().size() != 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(c.membership().orElseThrow().members()).extracting(m -> m.name())
                .containsExactlyInAnyOrder("node-a", "node-b", "node-c");
    }

    @Test
    void aNodeThatLeavesTakesItsInstancesOutOfEveryAnswerAtOnce() throws Exception {
        int seed = freePort();
        HeraldNode a = start("node-a", seed, 0);
        HeraldNode b = start("node-b", freePort(), seed);
        b.store().register(ServiceInstance.of("api", "prod", "api-b", InetAddress.getByName("198.18.0.12"), 9000));
        await(a, "api.prod.service", 1, Duration.ofSeconds(5));

        long start = System.nanoTime();
        b.close();
        nodes.remove(b);
        await(a, "api.prod.service", 0, Duration.ofSeconds(3));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("graceful leave, not failure detection")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aFailingCheckOnOneNodeTakesTheInstanceOutOfEveryNodesAnswers() throws Exception {
        int seed = freePort();
        HeraldNode a = start("node-a", seed, 0);
        HeraldNode b = start("node-b", freePort(), seed);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!listener.isClosed()) {
                        listener.accept().close();
                    }
                } catch (IOException ignored) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ServiceInstance db = ServiceInstance.of("db", "prod", "db-1", InetAddress.getLoopbackAddress(),
                    listener.getLocalPort());
            // interval 100 ms, timeout 100 ms, fall 2: critical 300 ms after the listener goes away
            io.herald.health.CheckSpec tcp = io.herald.health.CheckSpec.fromMap(Map.of("tcp", "true",
                    "interval", "100ms", "timeout", "100ms", "rise", 1, "fall", 2), "checks[0]");
            new Registrations(a.store(), a.membership().orElseThrow(), checker(a)).register(db, List.of(tcp));
            await(b, "db.prod.service", 1, Duration.ofSeconds(5));

            listener.close();
            long start = System.nanoTime();
            await(b, "db.prod.service", 0, Duration.ofSeconds(3));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // interval x fall + timeout + one gossip round, with room for a loaded machine
            assertThat(took).isLessThan(Duration.ofMillis(300 + 100 + 1500));
        }
    }

    private static io.herald.health.HealthChecker checker(HeraldNode node) {
        return node.healthChecker();
    }
}
