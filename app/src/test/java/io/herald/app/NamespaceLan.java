package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One L2 segment of network namespaces for a test run: a Linux bridge in a "switch" namespace of its own, one
 * namespace per host plugged into it by a veth pair, and the root namespace (the test JVM) plugged in too, so it
 * reaches every host directly. The bridge lives in its own namespace so that the root namespace's firewall
 * (e.g. a FORWARD drop policy with br_netfilter loaded) never sees the hosts' traffic. Addresses come from a
 * random free /24 of 198.18.0.0/15. Partitions are blackhole routes inside the hosts' namespaces (iproute2 only).
 * Needs root and iproute2; every command that fails, fails the test.
 */
final class NamespaceLan implements AutoCloseable {
    private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final String switchNs = "herald-lan-" + id;
    private final String hostLink = "hl" + id; // root namespace's end, the only name outside our namespaces
    private final List<String> namespaces = new ArrayList<>();
    private final List<String[]> blackholes = new ArrayList<>(); // {namespace, address}
    private final String prefix;

    private NamespaceLan(String prefix) {
        this.prefix = prefix;
    }

    /** Creates the switch and plugs in the root namespace, which gets {@code .1}. */
    static NamespaceLan create() throws Exception {
        NamespaceLan lan = new NamespaceLan(freeSubnet());
        try {
            run("ip", "netns", "add", lan.switchNs);
            lan.namespaces.add(lan.switchNs);
            run("ip", "-n", lan.switchNs, "link", "add", "br0", "type", "bridge");
            run("ip", "-n", lan.switchNs, "link", "set", "br0", "up");
            run("ip", "link", "add", lan.hostLink, "type", "veth", "peer", "name", "up0", "netns", lan.switchNs);
            run("ip", "-n", lan.switchNs, "link", "set", "up0", "master", "br0", "up");
            run("ip", "addr", "add", lan.hostAddress() + "/24", "dev", lan.hostLink);
            run("ip", "link", "set", lan.hostLink, "up");
            return lan;
        } catch (Throwable e) {
            lan.close();
            throw e;
        }
    }

    /** The root namespace's address on the segment. */
    String hostAddress() {
        return prefix + "1";
    }

    /** Address {@code .host} of the segment's /24 (hosts added with that number have it; others are only data). */
    String address(int host) {
        return prefix + host;
    }

    /** Adds a namespace {@code herald-lan-ID-NAME} with address {@code .hostNumber} on the segment; returns its name. */
    String addHost(String name, int hostNumber) throws Exception {
        String ns = switchNs + "-" + name;
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        String port = "p-" + name;
        run("ip", "-n", switchNs, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
        run("ip", "-n", switchNs, "link", "set", port, "master", "br0", "up");
        run("ip", "-n", ns, "addr", "add", prefix + hostNumber + "/24", "dev", "eth0");
        run("ip", "-n", ns, "link", "set", "eth0", "up");
        run("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** Command prefix that runs a program inside {@code ns}; {@code ip netns exec} execs it, so PIDs stay the program's. */
    static List<String> inside(String ns) {
        return List.of("ip", "netns", "exec", ns);
    }

    /** From now on {@code ns} drops everything it would send to {@code address}. */
    void blackhole(String ns, String address) throws Exception {
        run("ip", "-n", ns, "route", "add", "blackhole", address + "/32");
        blackholes.add(new String[] {ns, address});
    }

    /** Removes every blackhole route: the segment is whole again. */
    void heal() throws Exception {
        while (!blackholes.isEmpty()) {
            String[] b = blackholes.get(0);
            run("ip", "-n", b[0], "route", "del", "blackhole", b[1] + "/32");
            blackholes.remove(0);
        }
    }

    /** Best effort: deleting the namespaces also deletes every veth pair with an end in them. */
    @Override
    public void close() {
        runQuietly("ip", "link", "del", hostLink);
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            runQuietly("ip", "netns", "del", namespaces.get(i));
        }
        namespaces.clear();
    }

    /** {@code 198.18.N.} for an N that no route of the root namespace uses yet (NetnsResolutionIT takes 64-249). */
    private static String freeSubnet() throws Exception {
        String routes = run("ip", "-4", "route", "show", "table", "all");
        for (int attempt = 0; attempt < 20; attempt++) {
            String candidate = "198.18." + ThreadLocalRandom.current().nextInt(16, 64) + ".";
            if (!routes.contains(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no free /24 in 198.18.16.0-198.18.63.255; routes:\n" + routes);
    }

    /** Runs one command, output to a file so that a full pipe can never stall it; fails the test unless it exits 0. */
    private static String run(String... cmd) throws Exception {
        Path out = Files.createTempFile("herald-lan", ".out");
        try {
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("cannot run " + cmd[0] + " (this test needs root and iproute2)", e);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within 30 s");
            }
            String text = Files.readString(out);
            assertThat(p.exitValue()).as(String.join(" ", cmd) + " -> " + text + " (this test needs root and iproute2)")
                    .isZero();
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void runQuietly(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (Exception ignored) {
            // best-effort clean-up
        }
    }
}
