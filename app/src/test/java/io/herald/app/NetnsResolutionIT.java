package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unmodified clients behind the glibc stub resolver: a network namespace made by the test (veth pair,
 * addresses from 198.18.0.0/15) whose resolv.conf names Herald on port 53 as its only nameserver, with
 * {@code search prod.service}. Names outside Herald's domain are forwarded to a second Herald started by the test
 * as the upstream stand-in. Needs root and iproute2 (CI runs as root and installs both); fails otherwise.
 */
class NetnsResolutionIT {
    private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private final String ns = "herald-it-" + id;
    private final String vethHost = "hv" + id + "a";
    private final String vethNs = "hv" + id + "b";
    private final int subnet = ThreadLocalRandom.current().nextInt(64, 250);
    private final String hostIp = "198.18." + subnet + ".1";
    private final String nsIp = "198.18." + subnet + ".2";
    private final List<HeraldProcess> started = new ArrayList<>();

    @BeforeEach
    void makeNamespace() throws Exception {
        run("ip", "netns", "add", ns);
        run("ip", "link", "add", vethHost, "type", "veth", "peer", "name", vethNs);
        run("ip", "link", "set", vethNs, "netns", ns);
        run("ip", "addr", "add", hostIp + "/30", "dev", vethHost);
        run("ip", "link", "set", vethHost, "up");
        run("ip", "netns", "exec", ns, "ip", "addr", "add", nsIp + "/30", "dev", vethNs);
        run("ip", "netns", "exec", ns, "ip", "link", "set", vethNs, "up");
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        Path etc = Path.of("/etc/netns", ns);
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("resolv.conf"),
                "nameserver " + hostIp + "\nsearch prod.service\noptions timeout:2 attempts:2\n");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        for (HeraldProcess p : started) {
            p.close();
        }
        runQuietly("ip", "link", "del", vethHost);
        runQuietly("ip", "netns", "del", ns);
        Path etc = Path.of("/etc/netns", ns);
        Files.deleteIfExists(etc.resolve("resolv.conf"));
        Files.deleteIfExists(etc);
    }

    @Test
    void glibcPythonAndJavaResolveThroughHerald() throws Exception {
        int[] upstream = startHerald("--dns-address", "127.0.0.1", "--dns-port", "0", "--http-port", "0",
                "--domain", "example", "--forward-enabled", "false", "--node-name", "upstream");
        register(upstream[1], "{\"service\":\"www\",\"env\":\"prod\",\"id\":\"www-1\",\"address\":\"198.18.7.7\",\"port\":80}");
        startHerald("--demo", "--dns-address", hostIp, "--dns-port", "53", "--http-port", "0",
                "--forward-upstreams", "127.0.0.1:" + upstream[0], "--node-name", "herald");

        String getent = inNamespace("getent", "ahosts", "web.prod.service");
        assertThat(getent).contains("127.0.0.1").contains("127.0.0.2");
        assertThat(inNamespace("getent", "hosts", "web")).as("search domain prod.service").contains("127.0.0.");
        assertThat(inNamespace("getent", "hosts", "www.prod.example")).as("forwarded").contains("198.18.7.7");

        String python = inNamespace("python3", "-c",
                "import socket; print(sorted({a[4][0] for a in socket.getaddrinfo('web.prod.service', 8080)}))");
        assertThat(python).contains("'127.0.0.1'").contains("'127.0.0.2'");

        String java = inNamespace(javaBin(), "-cp", System.getProperty("java.class.path"),
                "io.herald.app.ResolveMain", "web.prod.service");
        assertThat(java).contains("127.0.0.1").contains("127.0.0.2");
    }

    /** Starts the packaged jar; returns its DNS and HTTP ports from the start-up line. */
    private int[] startHerald(String... args) throws IOException {
        HeraldProcess p = HeraldProcess.start(args);
        started.add(p);
        return new int[] {p.dnsPort, p.httpPort};
    }

    private static void register(int httpPort, String json) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + httpPort + "/v1/instances"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Thread.sleep(200); // the index is rebuilt asynchronously; well under its usual few milliseconds
    }

    private String inNamespace(String... cmd) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        return run(full.toArray(String[]::new));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd[0] + " (this test needs root and iproute2)", e);
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", cmd) + " -> " + out).isZero();
        return out;
    }

    private static void runQuietly(String... cmd) {
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best-effort clean-up
        }
    }
}
