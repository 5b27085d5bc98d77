package io.herald.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The containers of one test run on an internal podman network of their own (a /24 from 198.19.0.0/16, no route
 * out, no podman DNS), each with a fixed address. Names start with a random prefix; {@link #close()} removes
 * every container and the network, and so does a JVM shutdown hook when the run is cut short. Leftovers of runs
 * whose JVM died are removed at the start of the next run.
 */
final class Topology implements AutoCloseable {
    static final String HERALD_IMAGE = "localhost/herald:local";
    static final String TOOLS_IMAGE = "localhost/debian-jre:bookworm";
    /** Label on every container and network made here; its value is the owning JVM's process id. */
    private static final String OWNER_LABEL = "io.herald.container-test.owner";

    private final String prefix;
    private final String network;
    private final String subnet;
    private final Path watchDir;
    private final List<String> containers = new ArrayList<>();
    private final Thread cleanupOnExit = new Thread(this::removeAll, "container-test-cleanup");

    private Topology(String prefix, String network, String subnet, Path watchDir) {
        this.prefix = prefix;
        this.network = network;
        this.subnet = subnet;
        this.watchDir = watchDir;
    }

    /** Makes the network, picking a free /24; fails with podman's message when none can be made. */
    static Topology create() throws IOException {
        removeLeftovers();
        String prefix = "herald-it-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String owner = OWNER_LABEL + "=" + ProcessHandle.current().pid();
        Podman.Result last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            String subnet = "198.19." + ThreadLocalRandom.current().nextInt(16, 240) + ".";
            last = Podman.tryRun("network", "create", "--internal", "--disable-dns", "--label", owner,
                    "--subnet", subnet + "0/24", prefix);
            if (last.ok()) {
                Topology t = new Topology(prefix, prefix, subnet, Files.createTempDirectory(prefix));
                Runtime.getRuntime().addShutdownHook(t.cleanupOnExit);
                return t;
            }
        }
        throw new AssertionError("cannot create a podman network: " + last.err());
    }

    String ip(int host) {
        return subnet + host;
    }

    String name(String role) {
        return prefix + "-" + role;
    }

    /** The host directory mounted read-write at /watch in every tools container. */
    Path watchDir() {
        return watchDir;
    }

    /** Starts a Herald container from the image built from the Dockerfile; {@code args} go to Herald. */
    void herald(String role, int host, String... args) {
        List<String> cmd = new ArrayList<>(runPrefix(role, host));
        cmd.add(HERALD_IMAGE);
        cmd.addAll(List.of(args));
        start(role, cmd);
    }

    /** Starts a container of the tools image (Debian, Java, python3, curl, dig) running {@code command}. */
    void tools(String role, int host, List<String> options, String... command) {
        List<String> cmd = new ArrayList<>(runPrefix(role, host));
        cmd.addAll(List.of("--no-healthcheck", "-v", watchDir + ":/watch",
                "-v", System.getProperty("herald.probes", "target/test-classes") + ":/probes:ro"));
        cmd.addAll(options);
        cmd.add(TOOLS_IMAGE);
        cmd.addAll(List.of(command));
        start(role, cmd);
    }

    /**
     * A fixed MAC address derived from the IP address, as Docker does: podman picks a new random one on every
     * start, and peers would keep sending to the old one (their ARP entry stays valid while it is in use) after
     * a container is restarted under its fixed address.
     */
    private List<String> runPrefix(String role, int host) {
        String[] octets = ip(host).split("\\.");
        String mac = String.format("02:42:%02x:%02x:%02x:%02x", Integer.parseInt(octets[0]),
                Integer.parseInt(octets[1]), Integer.parseInt(octets[2]), Integer.parseInt(octets[3]));
        return List.of("run", "-d", "--name", name(role), "--hostname", role, "--network", network,
                "--ip", ip(host), "--mac-address", mac, "--label", OWNER_LABEL + "=" + ProcessHandle.current().pid());
    }

    private void start(String role, List<String> cmd) {
        containers.add(name(role));
        Podman.run(cmd.toArray(String[]::new));
    }

    /** Runs a command in a container; fails the test on a non-zero exit. */
    String exec(String role, String... command) {
        return Podman.run(execArgs(role, command));
    }

    Podman.Result tryExec(String role, String... command) {
        return Podman.tryRun(execArgs(role, command));
    }

    /** Starts a command in a container and returns at once. */
    void execDetached(String role, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", "-d", name(role)));
        args.addAll(List.of(command));
        Podman.run(args.toArray(String[]::new));
    }

    private String[] execArgs(String role, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", name(role)));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    /** SIGKILL to the container's main process: no chance to say goodbye. */
    void kill(String role) {
        Podman.run("kill", name(role));
    }

    /** Starts a stopped container again, with its original command and address. */
    void restart(String role) {
        Podman.run("start", name(role));
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run
        }
    }

    private synchronized void removeAll() {
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-t", "0"));
            rm.addAll(containers);
            Podman.tryRun(rm.toArray(String[]::new));
            containers.clear();
        }
        Podman.tryRun("network", "rm", "-f", network);
        deleteTree(watchDir);
    }

    /** Removes containers, then networks, left by a run whose JVM no longer exists. */
    private static void removeLeftovers() {
        String owner = "{{index .Labels \"" + OWNER_LABEL + "\"}}";
        for (String[] leftover : withDeadOwner(Podman.run("container", "ls", "-a", "--filter", "label=" + OWNER_LABEL,
                "--format", "{{.Names}} " + owner))) {
            Podman.tryRun("rm", "-f", "-t", "0", leftover[0]);
        }
        for (String[] leftover : withDeadOwner(Podman.run("network", "ls", "--filter", "label=" + OWNER_LABEL,
                "--format", "{{.Name}} " + owner))) {
            Podman.tryRun("network", "rm", "-f", leftover[0]);
        }
    }

    /** The "name owner-pid" lines of a listing whose owning JVM is gone. */
    private static List<String[]> withDeadOwner(String listing) {
        List<String[]> dead = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && !ownerAlive(f[1])) {
                dead.add(f);
            }
        }
        return dead;
    }

    private static boolean ownerAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; best effort
        }
    }
}
