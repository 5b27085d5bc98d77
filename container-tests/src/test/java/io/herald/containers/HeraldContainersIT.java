package io.herald.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Herald's image, built from the Dockerfile, as the only nameserver of real containers on a podman network:
 * three Herald containers in one cluster, a fourth as the upstream stand-in for forwarded names, two unmodified
 * HTTP servers ({@code python3 -m http.server}) registered as {@code web} in {@code prod} with HTTP health checks,
 * and two clients started with {@code --dns <their Herald> --dns-search prod.service}, so glibc's stub resolver,
 * curl, Python and Java resolve through Herald. Then failover: an app is killed (its health check catches it) and
 * a whole Herald container is killed (SWIM catches it), and every client must reach only the survivor in time.
 *
 * <p>One set of containers serves the ordered tests (starting them is most of the cost); each failover trial
 * restores what it broke. Needs root, podman and the images of containers/setup.sh: without them it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeraldContainersIT {
    /** Check every 1s, critical after 2 failures: about 2-3s, then the change gossips to the other nodes. */
    private static final Duration APP_BOUND = Duration.ofSeconds(8);
    /**
     * SWIM's lan profile: probes every 200ms, suspect after 2 failed probes, removed after 1s more. A killed
     * process's connections are reset at once, so it is usually caught within the first probes.
     */
    private static final Duration NODE_BOUND = Duration.ofSeconds(6);
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration CONVERGE_LIMIT = Duration.ofSeconds(30);

    private static final String WEB = "web.prod.service";
    private static final List<String> HERALDS = List.of("herald-1", "herald-2", "herald-3");
    /** Each client's only nameserver. herald-1, which holds web-1's registration, is the one the node trial kills. */
    private static final Map<String, String> NAMESERVER =
            new TreeMap<>(Map.of("client-a", "herald-2", "client-b", "herald-3"));
    private static final String UPSTREAM_ANSWER = "198.18.7.7";

    private Topology net;
    private final int trials = Integer.getInteger("herald.failover.trials", 1);

    @BeforeAll
    void startContainers() throws Exception {
        assertThat(trials).as("herald.failover.trials").isPositive();
        buildImage();
        net = Topology.create();
        net.herald("upstream", host("upstream"), "--node-name", "upstream", "--domain", "example",
                "--forward-enabled", "false", "--dns-ns-address", ip("upstream"));
        for (int n = 1; n <= 3; n++) {
            net.herald("herald-" + n, host("herald-" + n), heraldArgs(n));
        }
        for (int n = 1; n <= 2; n++) {
            // An unmodified server; the page names the app so a client can tell which one it reached.
            net.tools("web-" + n, host("web-" + n), List.of(), "sh", "-c", "mkdir -p /srv && echo web-" + n
                    + " > /srv/index.html && cd /srv && exec python3 -m http.server 8080");
        }
        for (Map.Entry<String, String> c : NAMESERVER.entrySet()) {
            net.tools(c.getKey(), host(c.getKey()),
                    List.of("--dns", ip(c.getValue()), "--dns-search", "prod.service"), "sleep", "3600");
        }
        awaitReady("upstream");
        for (String h : HERALDS) {
            awaitReady(h);
        }
        awaitCluster();
        register("upstream", "{\"service\":\"www\",\"env\":\"prod\",\"id\":\"www-1\",\"address\":\""
                + UPSTREAM_ANSWER + "\",\"port\":80}");
        register("herald-1", webInstance(1));
        register("herald-2", webInstance(2));
        awaitAnswers(Set.of(ip("web-1"), ip("web-2")));
    }

    @AfterAll
    void removeContainers() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    @Order(1)
    void threeHeraldContainersFormOneCluster() {
        for (String h : HERALDS) {
            String members = curl(h, "/v1/members");
            for (String other : HERALDS) {
                assertThat(members).as(h + " /v1/members").contains("\"name\":\"" + other + "\"");
            }
            assertThat(members.split("\"state\":\"alive\"", -1)).as(h + " sees 3 alive members: " + members).hasSize(4);
        }
    }

    /** The Dockerfile's HEALTHCHECK, run as the engine would: unhealthy only after 3 failures in a row. */
    @Test
    @Order(2)
    void imageHealthcheckPassesInEveryHeraldContainer() {
        for (String h : HERALDS) {
            List<String> failures = new ArrayList<>();
            while (failures.size() < 3) {
                Podman.Result r = Podman.tryRun("healthcheck", "run", net.name(h));
                if (r.ok()) {
                    break;
                }
                failures.add(r.out() + r.err());
            }
            assertThat(failures).as("HEALTHCHECK of " + h).hasSizeLessThan(3);
        }
    }

    @Test
    @Order(3)
    void unmodifiedClientsResolveThroughTheStubResolver() {
        Set<String> both = Set.of(ip("web-1"), ip("web-2"));
        for (Map.Entry<String, String> c : NAMESERVER.entrySet()) {
            String client = c.getKey();
            String resolvConf = net.exec(client, "cat", "/etc/resolv.conf");
            assertThat(resolvConf.lines().filter(l -> l.startsWith("nameserver")))
                    .as(client + " resolv.conf").containsExactly("nameserver " + ip(c.getValue()));
            assertThat(resolvConf).contains("search prod.service");

            assertThat(addresses(net.exec(client, "getent", "ahosts", WEB))).as(client + " getent").isEqualTo(both);
            assertThat(net.exec(client, "curl", "-sSf", "-m", "5", "http://" + WEB + ":8080/").trim())
                    .as(client + " curl by full name").isIn("web-1", "web-2");
            assertThat(net.exec(client, "curl", "-sSf", "-m", "5", "http://web:8080/").trim())
                    .as(client + " curl through the search domain").isIn("web-1", "web-2");
            assertThat(addresses(net.exec(client, "python3", "-c",
                    "import socket\nfor a in socket.getaddrinfo('" + WEB + "', 8080): print(a[4][0])")))
                    .as(client + " Python getaddrinfo").isEqualTo(both);
            assertThat(addresses(net.exec(client, "java", "-cp", "/probes", ResolveMain.class.getName(), WEB)))
                    .as(client + " Java InetAddress.getAllByName").isEqualTo(both);
        }
    }

    @Test
    @Order(4)
    void namesOutsideTheDomainAreForwardedToTheUpstream() {
        for (Map.Entry<String, String> c : NAMESERVER.entrySet()) {
            String client = c.getKey();
            assertThat(net.exec(client, "getent", "hosts", "www.prod.example")).as(client + " forwarded name")
                    .startsWith(UPSTREAM_ANSWER);
            String dig = net.exec(client, "dig", "www.prod.example");
            assertThat(dig).as("answered by the client's own Herald, recursion available")
                    .contains("SERVER: " + ip(c.getValue()) + "#53").containsPattern("flags:[a-z ]* ra")
                    .containsPattern("www\\.prod\\.example\\.\\s+\\d+\\s+IN\\s+A\\s+"
                            + UPSTREAM_ANSWER.replace(".", "\\."));
            Podman.Result missing = net.tryExec(client, "getent", "hosts", "nothing.prod.example");
            assertThat(missing.exit()).as("NXDOMAIN from the upstream, passed on: " + missing.out()).isEqualTo(2);
        }
    }

    @Test
    @Order(5)
    void aKilledAppLeavesEveryClientsAnswers() throws Exception {
        List<Trial> results = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            results.add(trial("app" + t, "web-1"));
            net.restart("web-1");
            awaitAnswers(Set.of(ip("web-1"), ip("web-2")));
        }
        report("app killed (HTTP check every 1s, critical after 2 failures)", results, APP_BOUND);
    }

    @Test
    @Order(6)
    void aKilledHeraldContainerLeavesEveryClientsAnswers() throws Exception {
        List<Trial> results = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            // herald-1 holds web-1's registration: once SWIM declares it failed, web-1 is no longer answered.
            results.add(trial("node" + t, "herald-1"));
            net.restart("herald-1");
            awaitReady("herald-1");
            awaitCluster();
            register("herald-1", webInstance(1));
            awaitAnswers(Set.of(ip("web-1"), ip("web-2")));
        }
        report("Herald container killed (SWIM, lan profile)", results, NODE_BOUND);
    }

    /** A trial's result: milliseconds to switch over, and the TTLs the clients were handed just before the kill. */
    private record Trial(long millis, Set<String> ttls) {}

    /** Watchers in every client see both apps; {@code victim} is killed; until every client reaches only web-2. */
    private Trial trial(String id, String victim) throws Exception {
        String survivor = ip("web-2");
        Set<String> ttls = ttls();
        Map<String, Path> logs = new LinkedHashMap<>();
        String stop = "stop-" + id;
        for (String client : NAMESERVER.keySet()) {
            String log = client + "-" + id + ".log";
            logs.put(client, net.watchDir().resolve(log));
            net.execDetached(client, "sh", "/probes/watch.sh", WEB, "90", "/watch/" + log, "/watch/" + stop);
        }
        try {
            awaitBaseline(logs);
            long killedAt = System.currentTimeMillis();
            net.kill(victim);
            return new Trial(awaitSwitchOver(logs, killedAt, survivor), ttls);
        } finally {
            Files.createFile(net.watchDir().resolve(stop));
        }
    }

    /** Every watcher has seen both apps answered and reached, so the change that follows is the kill's. */
    private void awaitBaseline(Map<String, Path> logs) throws Exception {
        Set<String> both = Set.of(ip("web-1"), ip("web-2"));
        long deadline = System.nanoTime() + CONVERGE_LIMIT.toNanos();
        while (true) {
            boolean all = true;
            for (Path log : logs.values()) {
                List<WatchLog.Round> rounds = WatchLog.read(log);
                all &= rounds.stream().filter(r -> r.addresses().equals(both) && r.curlExit() == 0).count() >= 2;
            }
            if (all) {
                return;
            }
            assertThat(System.nanoTime()).as("watchers saw both apps before the kill: " + tails(logs))
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Milliseconds from the kill until the slowest client reached only the survivor, steadily. */
    private long awaitSwitchOver(Map<String, Path> logs, long killedAt, String survivor) throws Exception {
        long deadline = killedAt + CONVERGE_LIMIT.toMillis();
        while (true) {
            long slowest = 0;
            boolean all = true;
            for (Path log : logs.values()) {
                Optional<Long> took = WatchLog.switchedOver(WatchLog.read(log), killedAt, survivor);
                all &= took.isPresent();
                slowest = Math.max(slowest, took.orElse(0L));
            }
            if (all) {
                return slowest;
            }
            assertThat(System.currentTimeMillis()).as("every client reaches only " + survivor + ": " + tails(logs))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** The TTLs the clients' Heralds put on web's A records right now. */
    private Set<String> ttls() {
        Set<String> ttls = new TreeSet<>();
        for (String client : NAMESERVER.keySet()) {
            for (String line : net.exec(client, "dig", "+noall", "+answer", WEB, "A").split("\n")) {
                if (!line.isBlank()) {
                    ttls.add(line.trim().split("\\s+")[1] + "s");
                }
            }
        }
        return ttls;
    }

    private void report(String what, List<Trial> results, Duration bound) {
        long[] ms = results.stream().mapToLong(Trial::millis).sorted().toArray();
        long median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        Set<String> ttls = new TreeSet<>();
        results.forEach(r -> ttls.addAll(r.ttls()));
        System.out.printf("failover, %s: %d trials, min %d ms, median %d ms, max %d ms (each: %s); TTL in force %s;"
                        + " bound %d ms%n", what, ms.length, ms[0], median, ms[ms.length - 1], Arrays.toString(ms),
                String.join(",", ttls), bound.toMillis());
        assertThat(ms[ms.length - 1]).as(what + ": milliseconds from the kill until every client's getent and curl"
                + " reach only the survivor, slowest of " + Arrays.toString(ms)).isLessThanOrEqualTo(bound.toMillis());
    }

    private String tails(Map<String, Path> logs) throws Exception {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Path> e : logs.entrySet()) {
            List<WatchLog.Round> rounds = WatchLog.read(e.getValue());
            s.append('\n').append(e.getKey()).append(": ")
                    .append(rounds.subList(Math.max(0, rounds.size() - 5), rounds.size()));
        }
        return s.toString();
    }

    private static void buildImage() {
        Path script = Path.of(System.getProperty("herald.repo", ".."), "containers", "build-image.sh");
        Podman.Result r = Podman.exec(List.of("bash", script.toString()));
        assertThat(r.exit()).as("containers/build-image.sh (run containers/setup.sh once first): " + r.err() + r.out())
                .isZero();
    }

    private String[] heraldArgs(int n) {
        String self = ip("herald-" + n);
        List<String> seeds = new ArrayList<>();
        for (String h : HERALDS) {
            if (!h.equals("herald-" + n)) {
                seeds.add(ip(h) + ":7946");
            }
        }
        // Flap damping off: the failover trials flip web-1's check more often than any real app would.
        return new String[] {"--node-name", "herald-" + n, "--dns-ns-address", self,
                "--cluster-enabled", "true", "--cluster-address", self, "--join", String.join(",", seeds),
                "--forward-upstreams", ip("upstream") + ":53", "--health-flap-threshold", "0"};
    }

    private String webInstance(int n) {
        String ip = ip("web-" + n);
        return "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-" + n + "\",\"address\":\"" + ip
                + "\",\"port\":8080,\"checks\":[{\"http\":\"http://" + ip + ":8080/\",\"interval\":\"1s\","
                + "\"timeout\":\"1s\",\"rise\":1,\"fall\":2}]}";
    }

    /**
     * Registers through the HTTP API of {@code herald}, from a client container (the network has no host route).
     * The limit is generous: a freshly started JVM on a busy 2-core host answers its first requests slowly.
     */
    private void register(String herald, String json) {
        net.exec("client-a", "curl", "-sSf", "-m", "30", "-X", "PUT", "-H", "Content-Type: application/json",
                "--data", json, "http://" + ip(herald) + ":8500/v1/instances");
    }

    private String curl(String herald, String path) {
        return net.exec("client-a", "curl", "-sSf", "-m", "30", "http://" + ip(herald) + ":8500" + path);
    }

    private void awaitReady(String herald) throws Exception {
        awaitTrue(herald + " /ready", START_LIMIT, () -> net.tryExec("client-a", "curl", "-sf", "-m", "2",
                "http://" + ip(herald) + ":8500/ready").ok());
    }

    private void awaitCluster() throws Exception {
        for (String h : HERALDS) {
            awaitTrue(h + " sees 3 alive members", CONVERGE_LIMIT, () -> {
                Podman.Result r = net.tryExec("client-a", "curl", "-sf", "-m", "2",
                        "http://" + ip(h) + ":8500/v1/members");
                return r.ok() && r.out().split("\"state\":\"alive\"", -1).length == 4;
            });
        }
    }

    /** Until every client's getent returns exactly {@code expected} for web.prod.service. */
    private void awaitAnswers(Set<String> expected) throws Exception {
        for (String client : NAMESERVER.keySet()) {
            awaitTrue(client + " resolves " + WEB + " to " + expected, CONVERGE_LIMIT, () -> {
                Podman.Result r = net.tryExec(client, "getent", "ahostsv4", WEB);
                return r.ok() && addresses(r.out()).equals(expected);
            });
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Duration limit, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as(what + " within " + limit).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** The distinct addresses at the start of each line (getent, Python and Java output). */
    private static Set<String> addresses(String output) {
        Set<String> addresses = new TreeSet<>();
        output.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> addresses.add(l.split("\\s+")[0]));
        return addresses;
    }

    private String ip(String role) {
        return net.ip(host(role));
    }

    /** Fixed host numbers: Heralds .11-.13 (upstream .10), apps .21-.22, clients .31-.32. */
    private static int host(String role) {
        return switch (role) {
            case "upstream" -> 10;
            case "herald-1" -> 11;
            case "herald-2" -> 12;
            case "herald-3" -> 13;
            case "web-1" -> 21;
            case "web-2" -> 22;
            case "client-a" -> 31;
            case "client-b" -> 32;
            default -> throw new IllegalArgumentException("unknown role " + role);
        };
    }
}
