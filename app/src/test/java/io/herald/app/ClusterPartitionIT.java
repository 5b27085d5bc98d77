package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A three-node cluster of packaged-jar processes, each in a network namespace of its own on one bridged segment,
 * is split by blackhole routes (node-c against node-a and node-b) until both sides have removed each other, then
 * healed: without any restart, every node's DNS answers all three instances again and every node lists all three
 * members alive, within the rejoin interval plus failure detection plus slack. Needs root and iproute2 (CI runs as
 * root and installs iproute2); fails otherwise.
 */
class ClusterPartitionIT {
    private static final String REJOIN_INTERVAL = "1s";
    /** Start-up of three JVMs on a loaded 2-core machine, then catalogue exchange. */
    private static final Duration FORM_BOUND = Duration.ofSeconds(20);
    /** lan profile: suspicion after two failed probes, removal one failure_timeout (1 s) later. */
    private static final Duration SPLIT_BOUND = Duration.ofSeconds(10);
    /** rejoin_interval + failure detection (a refuted tombstone may take one more round) + slack. */
    private static final Duration HEAL_BOUND = Duration.ofSeconds(15);
    private static final String NAME = "web.prod.service.";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<HeraldProcess> started = new ArrayList<>();
    private NamespaceLan lan;

    /** A Herald process in namespace {@code ns} serving cluster, DNS and HTTP on {@code ip}. */
    private record Node(String name, String ns, String ip, String instanceIp, HeraldProcess process) {}

    @AfterEach
    void cleanUp() throws Exception {
        for (HeraldProcess p : started) {
            p.close();
        }
        if (lan != null) {
            lan.close();
        }
    }

    @Test
    void partitionedClusterReconvergesThroughDnsAfterHealing() throws Exception {
        lan = NamespaceLan.create();
        Node a = node("a", 11, null);
        Node b = node("b", 12, a);
        Node c = node("c", 13, a);
        List<Node> all = List.of(a, b, c);
        for (Node n : all) {
            register(n);
        }
        Set<String> everyone = addresses(a, b, c);
        Duration formed = await("every node answers all three instances", FORM_BOUND,
                () -> dnsMismatch(Map.of(a, everyone, b, everyone, c, everyone)));

        lan.blackhole(c.ns, a.ip);
        lan.blackhole(c.ns, b.ip);
        lan.blackhole(a.ns, c.ip);
        lan.blackhole(b.ns, c.ip);
        Duration hidden = await("each side answers only its own instances", SPLIT_BOUND,
                () -> dnsMismatch(Map.of(a, addresses(a, b), b, addresses(a, b), c, addresses(c))));
        Duration removed = await("each side has removed the other", SPLIT_BOUND, () -> membersMismatch(Map.of(
                a, Map.of("node-a", "alive", "node-b", "alive", "node-c", "failed"),
                b, Map.of("node-a", "alive", "node-b", "alive", "node-c", "failed"),
                c, Map.of("node-a", "failed", "node-b", "failed", "node-c", "alive"))));

        lan.heal();
        long healedAt = System.nanoTime();
        Duration dnsBack = await("every node answers all three instances again", HEAL_BOUND,
                () -> dnsMismatch(Map.of(a, everyone, b, everyone, c, everyone)));
        Map<String, String> allAlive = Map.of("node-a", "alive", "node-b", "alive", "node-c", "alive");
        await("every node lists all three members alive", HEAL_BOUND.minus(dnsBack),
                () -> membersMismatch(Map.of(a, allAlive, b, allAlive, c, allAlive)));
        Duration membersBack = Duration.ofNanos(System.nanoTime() - healedAt);

        System.out.printf("partition through DNS (rejoin_interval %s): formed %d ms; after the split hidden %d ms,"
                + " removed %d ms later; after healing DNS whole %d ms, members all alive %d ms%n", REJOIN_INTERVAL,
                formed.toMillis(), hidden.toMillis(), removed.toMillis(), dnsBack.toMillis(), membersBack.toMillis());
    }

    /** Starts Herald in a new namespace with address {@code .hostNumber}, joining {@code seed} when given. */
    private Node node(String name, int hostNumber, Node seed) throws Exception {
        String ns = lan.addHost(name, hostNumber);
        String ip = lan.address(hostNumber);
        List<String> args = new ArrayList<>(List.of("--node-name", "node-" + name,
                "--cluster-enabled", "true", "--cluster-address", ip, "--cluster-port", "7946",
                "--cluster-rejoin-interval", REJOIN_INTERVAL,
                "--dns-address", ip, "--dns-port", "8600", "--http-address", ip, "--http-port", "8500",
                "--forward-enabled", "false", "--ttl-stable-after", "0s"));
        if (seed != null) {
            args.addAll(List.of("--join", seed.ip + ":7946"));
        }
        HeraldProcess p = HeraldProcess.start(NamespaceLan.inside(ns), args.toArray(String[]::new));
        started.add(p);
        return new Node("node-" + name, ns, ip, lan.address(hostNumber + 10), p);
    }

    private void register(Node n) throws Exception {
        String body = "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-" + n.name + "\",\"address\":\""
                + n.instanceIp + "\",\"port\":80}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base(n) + "/v1/instances"))
                .timeout(Duration.ofSeconds(5)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String base(Node n) {
        return "http://" + n.ip + ":" + n.process.httpPort;
    }

    private static Set<String> addresses(Node... owners) {
        Set<String> s = new TreeSet<>();
        for (Node n : owners) {
            s.add(n.instanceIp);
        }
        return s;
    }

    /** The A records {@code node}'s DNS answers for web.prod.service, or why there was no answer. */
    private static Object answer(Node node) {
        try {
            SimpleResolver r = new SimpleResolver(new InetSocketAddress(node.ip, node.process.dnsPort));
            r.setTimeout(Duration.ofSeconds(1));
            Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(NAME), Type.A, DClass.IN)));
            Set<String> s = new TreeSet<>();
            for (Record rec : m.getSection(Section.ANSWER)) {
                s.add(((ARecord) rec).getAddress().getHostAddress());
            }
            return s;
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    /** null when every node answers what is expected of it, else what each node answered. */
    private static String dnsMismatch(Map<Node, Set<String>> expected) {
        Map<String, Object> seen = new TreeMap<>();
        boolean match = true;
        for (var e : expected.entrySet()) {
            Object got = answer(e.getKey());
            seen.put(e.getKey().name, got);
            match &= e.getValue().equals(got);
        }
        return match ? null : "DNS " + seen + ", expected " + names(expected);
    }

    /** Each node's member list as name to state. */
    private Object members(Node node) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base(node) + "/v1/members"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> states = new TreeMap<>();
            for (JsonNode m : json.readTree(r.body())) {
                states.put(m.get("name").asText(), m.get("state").asText());
            }
            return states;
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    /**
     * null when every node lists the expected states; "failed" also accepts a member no longer listed, as both
     * mean removed (never "left": nobody left gracefully).
     */
    private String membersMismatch(Map<Node, Map<String, String>> expected) {
        Map<String, Object> seen = new TreeMap<>();
        boolean match = true;
        for (var e : expected.entrySet()) {
            Object got = members(e.getKey());
            seen.put(e.getKey().name, got);
            if (!(got instanceof Map<?, ?> states)) {
                match = false;
                continue;
            }
            for (var want : e.getValue().entrySet()) {
                Object state = states.get(want.getKey());
                match &= want.getValue().equals(state) || (want.getValue().equals("failed") && state == null);
            }
        }
        return match ? null : "members " + seen + ", expected " + names(expected);
    }

    private static <V> Map<String, V> names(Map<Node, V> byNode) {
        Map<String, V> m = new TreeMap<>();
        byNode.forEach((n, v) -> m.put(n.name, v));
        return m;
    }

    /** Polls until {@code mismatch} reports null and returns how long that took; fails after {@code limit}. */
    private static Duration await(String what, Duration limit, Check mismatch) throws Exception {
        long start = System.nanoTime();
        while (true) {
            String seen = mismatch.get();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (seen == null) {
                return took;
            }
            if (took.compareTo(limit) > 0) {
                throw new AssertionError(what + ": not within " + limit + "; last seen " + seen);
            }
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface Check {
        String get() throws Exception;
    }
}
