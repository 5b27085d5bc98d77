package io.herald.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Changes instances through Herald's HTTP API at a fixed rate ({@code PUT /v1/instances}, a new address for an
 * existing instance) and measures, for each change, the time from sending the request until Herald's DNS answers
 * the instance's name with the new address (polled over UDP every millisecond).
 *
 * <p>{@code Churn --http-port 8500 --dns-port 8600 --rate 100 --seconds 15}
 */
public final class Churn {
    private static final Duration GIVE_UP = Duration.ofSeconds(5);

    private Churn() {}

    public static void main(String[] args) throws Exception {
        int httpPort = 8500;
        int dnsPort = 8600;
        int rate = 100;
        int seconds = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--http-port" -> httpPort = Integer.parseInt(args[++i]);
                case "--dns-port" -> dnsPort = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/v1/instances");
        InetSocketAddress dns = new InetSocketAddress(InetAddress.getLoopbackAddress(), dnsPort);
        ExecutorService probes = Executors.newFixedThreadPool(2);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Double> api = Collections.synchronizedList(new ArrayList<>());
        List<Double> afterApi = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        int total = rate * seconds;
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int c = 0; c < total; c++) {
            long due = start + c * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            // Walk over services and instances; every pass moves each touched instance to the other address.
            int env = c % Workload.ENVS.size();
            int svc = (c / Workload.ENVS.size()) % Workload.SERVICES;
            int inst = (c / (Workload.ENVS.size() * Workload.SERVICES)) % Workload.INSTANCES;
            int pass = c / (Workload.ENVS.size() * Workload.SERVICES * Workload.INSTANCES);
            String address = "198.19.200." + (1 + (c + pass) % 250);
            String body = "{\"service\":\"" + Workload.service(svc) + "\",\"env\":\"" + Workload.ENVS.get(env)
                    + "\",\"id\":\"" + Workload.instanceId(inst) + "\",\"address\":\"" + address + "\",\"port\":"
                    + Workload.port(inst) + "}";
            String name = Workload.instanceId(inst) + "." + Workload.service(svc) + "." + Workload.ENVS.get(env) + "."
                    + Workload.DOMAIN;
            long t0 = System.nanoTime();
            http.sendAsync(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((resp, err) -> {
                        if (err != null || resp.statusCode() != 200) {
                            failed.incrementAndGet();
                            return;
                        }
                        double apiMs = (System.nanoTime() - t0) / 1e6;
                        probes.execute(() -> {
                            double ms = awaitAnswer(dns, name, address, t0);
                            if (ms < 0) {
                                failed.incrementAndGet();
                            } else {
                                latencies.add(ms);
                                api.add(apiMs);
                                afterApi.add(Math.max(0, ms - apiMs));
                            }
                        });
                    });
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        probes.shutdown();
        probes.awaitTermination(30, TimeUnit.SECONDS);
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.printf("churn: %d changes in %.1f s, none answered, %d failed%n", total, elapsed, failed.get());
            return;
        }
        System.out.printf("churn: %d changes in %.1f s (%.0f/s), change-to-answer p50 %.1f ms, p99 %.1f ms, max %.1f ms,"
                        + " failed %d%n", total, elapsed, total / elapsed, pct(sorted, 50), pct(sorted, 99),
                sorted.get(sorted.size() - 1), failed.get());
        // The API reply is when the change is committed; what follows is the catalogue-to-DNS path alone.
        List<Double> a = new ArrayList<>(api);
        List<Double> b = new ArrayList<>(afterApi);
        Collections.sort(a);
        Collections.sort(b);
        System.out.printf("  of which API reply p50 %.1f ms, p99 %.1f ms; answer after the API reply p50 %.1f ms, p99 %.1f ms%n",
                pct(a, 50), pct(a, 99), pct(b, 50), pct(b, 99));
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Milliseconds from {@code t0} until an A query for {@code name} answers {@code address}; -1 on giving up. */
    private static double awaitAnswer(InetSocketAddress dns, String name, String address, long t0) {
        byte[] want = parse(address);
        ByteBuffer q = query(name);
        byte[] query = new byte[q.remaining()];
        q.get(query);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(dns);
            socket.setSoTimeout(200);
            byte[] buf = new byte[1500];
            long deadline = t0 + GIVE_UP.toNanos();
            while (System.nanoTime() < deadline) {
                socket.send(new DatagramPacket(query, query.length));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (answers(ByteBuffer.wrap(buf, 0, p.getLength()).slice(), want)) {
                    return (System.nanoTime() - t0) / 1e6;
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        } catch (IOException | InterruptedException e) {
            return -1;
        }
        return -1;
    }

    private static ByteBuffer query(String name) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) 0x4242).putShort((short) 0).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0);
        for (String label : name.split("\\.")) {
            b.put((byte) label.length()).put(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        b.put((byte) 0).putShort((short) 1).putShort((short) 1);
        b.flip();
        return b;
    }

    /** True when the reply's answer section holds exactly one A record with this address. */
    private static boolean answers(ByteBuffer r, byte[] want) {
        if (r.remaining() < 12 || (r.getShort(6) & 0xffff) != 1) {
            return false;
        }
        int end = r.limit();
        return end >= 4 && r.get(end - 4) == want[0] && r.get(end - 3) == want[1] && r.get(end - 2) == want[2]
                && r.get(end - 1) == want[3];
    }

    private static byte[] parse(String address) {
        String[] p = address.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return b;
    }
}
