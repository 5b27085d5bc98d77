package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Nodes as separate processes from the packaged jar: a node that is killed (SIGKILL), frozen (SIGSTOP) or
 * stopped (SIGTERM) leaves every survivor's DNS answers within the lan profile's detection time, and a node
 * that comes back (SIGCONT, or a restart under the same name) is answered again.
 */
class ClusterFailoverIT {
    /** lan profile: suspicion after about a second; allow for a loaded 2-core CI machine. */
    private static final Duration BOUND = Duration.ofSeconds(4);
    private final List<HeraldProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (HeraldProcess n : nodes) {
            n.close();
        }
    }

    private HeraldProcess node(String name, int clusterPort, int seedPort) throws Exception {
        HeraldProcess p = HeraldProcess.start("--node-name", name, "--dns-port", "0", "--http-port", "0",
                "--forward-enabled", "false", "--cluster-enabled", "true", "--cluster-port", String.valueOf(clusterPort),
                "--join", "127.0.0.1:" + seedPort, "--ttl-stable-after", "0s");
        nodes.add(p);
        return p;
    }

    private static void register(HeraldProcess node, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.httpPort + "/v1/instances"))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static int answers(HeraldProcess node, String name) throws Exception {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", node.dnsPort));
        r.setTimeout(Duration.ofSeconds(1));
        Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
        return m.getSection(Section.ANSWER).size();
    }

    /** Time until every given node answers {@code count} records, failing after {@code limit}. */
    private static Duration until(List<HeraldProcess> survivors, String name, int count, Duration limit) throws Exception {
        long start = System.nanoTime();
        while (true) {
            boolean all = true;
            for (HeraldProcess s : survivors) {
                all &= answers(s, name) == count;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (all) {
                return took;
            }
            if (took.compareTo(limit) > 0) {
                throw new AssertionError(name + " did not reach " + count + " answers on every survivor within " + limit);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void killedFrozenAndStoppedNodesLeaveTheAnswers() throws Exception {
        int seedPort = ClusterDnsTest.freePort();
        HeraldProcess a = node("node-a", seedPort, seedPort);
        int bPort = ClusterDnsTest.freePort();
        HeraldProcess b = node("node-b", bPort, seedPort);
        HeraldProcess c = node("node-c", ClusterDnsTest.freePort(), seedPort);
        List<HeraldProcess> survivors = List.of(a, c);
        register(a, "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-a\",\"address\":\"198.18.0.11\",\"port\":80}");
        register(b, "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-b\",\"address\":\"198.18.0.12\",\"port\":80}");
        until(List.of(a, b, c), "web.prod.service", 2, Duration.ofSeconds(10));

        b.signal("STOP");
        Duration frozen = until(survivors, "web.prod.service", 1, BOUND);
        b.signal("CONT");
        Duration back = until(List.of(a, b, c), "web.prod.service", 2, Duration.ofSeconds(10));

        b.signal("KILL");
        b.process.waitFor();
        Duration killed = until(survivors, "web.prod.service", 1, BOUND);

        HeraldProcess b2 = node("node-b", bPort, seedPort); // same name and address, as a restarted service
        register(b2, "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-b\",\"address\":\"198.18.0.12\",\"port\":80}");
        Duration rejoined = until(List.of(a, b2, c), "web.prod.service", 2, Duration.ofSeconds(10));

        b2.signal("TERM");
        Duration left = until(survivors, "web.prod.service", 1, BOUND);

        System.out.printf("failover through DNS: SIGSTOP %d ms, SIGCONT back %d ms, SIGKILL %d ms, restart %d ms,"
                + " SIGTERM %d ms%n", frozen.toMillis(), back.toMillis(), killed.toMillis(), rejoined.toMillis(),
                left.toMillis());
        assertThat(left).as("a graceful leave is announced").isLessThan(Duration.ofSeconds(2));
    }
}
