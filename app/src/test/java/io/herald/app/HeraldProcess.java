package io.herald.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Herald node running from the packaged jar in a child JVM, as users run it; stopped only by its own PID. */
final class HeraldProcess implements AutoCloseable {
    private static final Pattern BOUND = Pattern.compile("serving DNS on [0-9.]+:(\\d+) .*HTTP API on [0-9.]+:(\\d+)");

    final Process process;
    final int dnsPort;
    final int httpPort;

    private HeraldProcess(Process process, int dnsPort, int httpPort) {
        this.process = process;
        this.dnsPort = dnsPort;
        this.httpPort = httpPort;
    }

    static HeraldProcess start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** As {@link #start(String...)}, run through {@code prefix} (e.g. {@code ip netns exec NS}, which execs java). */
    static HeraldProcess start(List<String> prefix, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", System.getProperty("herald.jar", "target/herald.jar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            seen.add(line);
            Matcher m = BOUND.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> drain(out), "drain-" + p.pid());
                drain.setDaemon(true);
                drain.start();
                return new HeraldProcess(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        }
        p.destroyForcibly();
        throw new AssertionError("Herald did not start: " + seen);
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the pipe from filling up
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            signal("CONT");
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
