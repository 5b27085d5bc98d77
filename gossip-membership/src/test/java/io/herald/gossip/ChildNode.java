package io.herald.gossip;

import io.herald.gossip.testnode.NodeMain;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A {@link NodeMain} node in a child JVM. Only this process is ever signalled, by its own PID; {@link #close()}
 * always destroys it.
 */
final class ChildNode implements AutoCloseable {
    static final Path LOGS = Path.of("target", "child-nodes");

    final String name;
    final int port;
    private final Process process;
    private final int controlPort;

    private ChildNode(String name, int port, Process process, int controlPort) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.controlPort = controlPort;
    }

    static ChildNode start(String name, int port, List<Seed> seeds, int instances) throws IOException {
        Files.createDirectories(LOGS);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.log.io.herald=debug",
                "-cp", System.getProperty("java.class.path"),
                NodeMain.class.getName(),
                name, Integer.toString(port),
                seeds.isEmpty() ? "-" : seeds.stream().map(Seed::toString).collect(Collectors.joining(",")),
                Integer.toString(instances)));
        File log = LOGS.resolve(name + "-" + port + ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        ready.complete(Integer.parseInt(line.substring(6).trim()));
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
            ready.completeExceptionally(new IllegalStateException("node " + name + " exited before READY; see " + log));
        }, "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildNode(name, port, p, ready.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("node " + name + " did not start; see " + log, e);
        }
    }

    Seed seed() {
        return new Seed("127.0.0.1", port);
    }

    long pid() {
        return process.pid();
    }

    void kill() {
        process.destroyForcibly();
        waitExit();
    }

    /** SIGTERM: the node's shutdown hook leaves the cluster. */
    void terminate() {
        process.destroy();
    }

    void waitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + name + " still running 30 s after it was told to stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void freeze() {
        signal("-STOP");
    }

    void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String command(String line) throws IOException {
        try (Socket s = connect(Duration.ofSeconds(10))) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), true);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.println(line);
            return in.readLine();
        }
    }

    /** Waits until this node's visible set satisfies {@code condition}, reading its change stream. */
    Set<String> awaitVisible(Duration within, String what, Predicate<Set<String>> condition) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> last = Set.of();
        try (Socket s = connect(within)) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), true);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.println("watch");
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                s.setSoTimeout((int) left);
                String line;
                try {
                    line = in.readLine();
                } catch (SocketTimeoutException timeout) {
                    break;
                }
                if (line == null) {
                    break;
                }
                last = parse(line);
                if (condition.test(last)) {
                    return last;
                }
            }
        }
        throw new AssertionError(name + " did not see " + what + " within " + within.toMillis() + " ms; it sees " + last);
    }

    private Socket connect(Duration timeout) throws IOException {
        Socket s = new Socket();
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort),
                (int) Math.max(1, timeout.toMillis()));
        s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        return s;
    }

    static Set<String> parse(String visibleLine) {
        String body = visibleLine.substring("VISIBLE".length()).trim();
        return body.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(body.split(",")));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitExit();
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ")";
    }
}
