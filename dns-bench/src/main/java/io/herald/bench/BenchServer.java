package io.herald.bench;

import io.herald.config.naming.NamingConfig;
import io.herald.core.CatalogStore;
import io.herald.core.MetricNames;
import io.herald.core.ServiceInstance;
import io.herald.dns.DnsConfig;
import io.herald.dns.DnsServer;
import io.herald.dns.forward.ForwardConfig;
import io.herald.http.HttpApi;
import io.herald.http.HttpConfig;
import io.herald.ttl.TtlPolicy;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Herald's DNS server and HTTP API over an in-memory catalogue loaded with the benchmark workload, as the
 * launcher wires them (one Prometheus registry, the default naming, TTL 5). Used by bench/run.sh.
 *
 * <pre>
 * BenchServer --dns-port 8600 --http-port 8500            serve the workload until killed
 * BenchServer --memory 100000                             load that many instances, report heap, RSS and
 *                                                         the snapshot rebuild time after one change, exit
 * </pre>
 */
public final class BenchServer {
    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        int dnsPort = 8600;
        int httpPort = 8500;
        int memory = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dns-port" -> dnsPort = Integer.parseInt(args[++i]);
                case "--http-port" -> httpPort = Integer.parseInt(args[++i]);
                case "--memory" -> memory = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i] + "; see the class comment");
                    System.exit(2);
                }
            }
        }
        if (memory > 0) {
            memoryReport(memory);
            return;
        }
        serve(dnsPort, httpPort);
    }

    private static DnsServer dns(CatalogStore store, int port, PrometheusMeterRegistry registry) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        return DnsServer.start(new DnsConfig(lo, port, lo, Duration.ofSeconds(10), 1232), ForwardConfig.disabled(),
                NamingConfig.defaults(), TtlPolicy.fixed(Workload.TTL, Workload.TTL), store, registry);
    }

    private static void serve(int dnsPort, int httpPort) throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CatalogStore store = new Workload(Workload.SERVICES).store();
        DnsServer dns = dns(store, dnsPort, registry);
        HttpApi http = HttpApi.start(new HttpConfig(InetAddress.getLoopbackAddress(), httpPort), store, registry,
                HttpApi.Hooks.none());
        awaitIndex(dns, store.current().version());
        System.out.println("ready dns=" + dns.port() + " http=" + http.port() + " instances=" + store.current().size()
                + " pid=" + ProcessHandle.current().pid());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            dns.close();
            stop.countDown();
        }));
        stop.await();
    }

    /** Loads {@code n} instances (a peer node's gossip state), then changes one and times the index rebuild. */
    private static void memoryReport(int n) throws IOException, InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CatalogStore store = new CatalogStore("bench");
        int services = Math.max(1, n / (Workload.ENVS.size() * Workload.INSTANCES));
        List<ServiceInstance> peer = new ArrayList<>(new Workload(services).instances());
        store.replaceNode("peer", peer);
        try (DnsServer dns = dns(store, 0, registry)) {
            awaitIndex(dns, store.current().version());
            Timer rebuild = registry.find(MetricNames.DNS_INDEX_REBUILD_TIME).timer();
            long before = rebuild == null ? 0 : rebuild.count();
            for (int round = 0; round < 3; round++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("memory: instances=%d names=%d heap-after-gc=%.1fMiB rss=%.1fMiB%n", store.current().size(),
                    dns.currentIndex().names().size(), heap / 1048576.0, rssKib() / 1024.0);
            // Ten single changes, each waited for: what one gossip update or registration costs the DNS index.
            List<Double> millis = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                ServiceInstance changed = ServiceInstance.of("changed", "prod", "c-" + c, Workload.address(c), 9000);
                long t0 = System.nanoTime();
                store.register(changed);
                long registered = System.nanoTime();
                awaitIndex(dns, store.current().version());
                long served = System.nanoTime();
                millis.add((served - t0) / 1e6);
                System.out.printf("change %d: register %.1f ms, visible in DNS index after %.1f ms%n", c,
                        (registered - t0) / 1e6, (served - t0) / 1e6);
            }
            if (rebuild != null) {
                System.out.printf("index rebuilds: %d, mean %.1f ms, max %.1f ms%n", rebuild.count() - before,
                        rebuild.mean(TimeUnit.MILLISECONDS), rebuild.max(TimeUnit.MILLISECONDS));
            }
            millis.sort(Double::compare);
            System.out.printf("rebuild-after-one-change: median %.1f ms, max %.1f ms%n", millis.get(millis.size() / 2),
                    millis.get(millis.size() - 1));
        }
    }

    private static void awaitIndex(DnsServer dns, long version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (dns.currentIndex().version() < version) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("DNS index did not reach catalogue version " + version);
            }
            Thread.sleep(0, 200_000);
        }
    }

    static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
