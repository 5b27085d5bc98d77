package io.herald.bench;

import io.herald.core.CatalogStore;
import io.herald.core.ServiceInstance;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The one workload every server is measured with: environments × services × instances under the default
 * naming ({@code svc-0001.prod.service}, {@code _svc-0001._tcp.prod.service}, {@code i-1.svc-0001.prod.service}),
 * a dnsperf query file (50 % A and 40 % SRV on service names, 5 % A on SRV targets, 5 % NXDOMAIN), the same
 * names as a zone file for NSD and Knot, and a Herald config file listing the instances.
 *
 * <p>{@code java -cp herald-bench.jar io.herald.bench.Workload DIR [services-per-env]} writes
 * {@code queries.txt}, {@code service.zone} and {@code herald.yaml} into DIR.
 */
public final class Workload {
    public static final List<String> ENVS = List.of("prod", "staging", "dev");
    public static final int SERVICES = 1000;
    public static final int INSTANCES = 3;
    public static final int TTL = 5;
    public static final String DOMAIN = "service";
    private static final int QUERIES = 100_000;
    private static final int NXDOMAIN_NAMES = 500;

    private final int services;

    public Workload(int servicesPerEnv) {
        this.services = servicesPerEnv;
    }

    public static String service(int s) {
        return String.format("svc-%04d", s);
    }

    public static String instanceId(int i) {
        return "i-" + i;
    }

    /** Instance number {@code n} of the whole set gets 198.18.0.0/15 address n (benchmark range, never routed). */
    public static InetAddress address(int n) {
        byte[] b = {(byte) 198, (byte) (18 + (n >> 16 & 1)), (byte) (n >> 8), (byte) n};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int port(int i) {
        return 8080 + i;
    }

    public List<ServiceInstance> instances() {
        List<ServiceInstance> out = new ArrayList<>();
        int n = 0;
        for (String env : ENVS) {
            for (int s = 0; s < services; s++) {
                for (int i = 0; i < INSTANCES; i++) {
                    out.add(ServiceInstance.of(service(s), env, instanceId(i), address(n++), port(i)));
                }
            }
        }
        return out;
    }

    public CatalogStore store() {
        CatalogStore store = new CatalogStore("bench");
        instances().forEach(store::register);
        return store;
    }

    /** dnsperf lines "name type", shuffled with a fixed seed so every run replays the same sequence. */
    public List<String> queries() {
        Random r = new Random(20261123);
        List<String> out = new ArrayList<>(QUERIES);
        for (int q = 0; q < QUERIES; q++) {
            String env = ENVS.get(r.nextInt(ENVS.size()));
            String svc = service(r.nextInt(services));
            int pick = r.nextInt(100);
            if (pick < 50) {
                out.add(svc + "." + env + "." + DOMAIN + " A");
            } else if (pick < 90) {
                out.add("_" + svc + "._tcp." + env + "." + DOMAIN + " SRV");
            } else if (pick < 95) {
                out.add(instanceId(r.nextInt(INSTANCES)) + "." + svc + "." + env + "." + DOMAIN + " A");
            } else {
                out.add("missing-" + r.nextInt(NXDOMAIN_NAMES) + "." + env + "." + DOMAIN + " A");
            }
        }
        return out;
    }

    /** The same names as Herald serves them, as a master file for NSD and Knot. */
    public List<String> zone() {
        List<String> z = new ArrayList<>();
        z.add("$ORIGIN " + DOMAIN + ".");
        z.add("$TTL " + TTL);
        z.add("@ IN SOA ns." + DOMAIN + ". hostmaster." + DOMAIN + ". 1 3600 600 86400 " + TTL);
        z.add("@ IN NS ns." + DOMAIN + ".");
        z.add("ns IN A 127.0.0.1");
        int n = 0;
        for (String env : ENVS) {
            for (int s = 0; s < services; s++) {
                String svc = service(s) + "." + env;
                for (int i = 0; i < INSTANCES; i++) {
                    String ip = address(n++).getHostAddress();
                    String target = instanceId(i) + "." + svc;
                    z.add(svc + " IN A " + ip);
                    z.add("_" + service(s) + "._tcp." + env + " IN SRV 1 1 " + port(i) + " " + target + "." + DOMAIN + ".");
                    z.add(target + " IN A " + ip);
                }
            }
        }
        return z;
    }

    /** Herald's config file with every instance, for {@code herald.jar --config}. */
    public List<String> heraldYaml() {
        List<String> y = new ArrayList<>();
        y.add("services:");
        for (ServiceInstance i : instances()) {
            y.add("  - {service: " + i.service() + ", env: " + i.env() + ", id: " + i.id() + ", address: "
                    + i.address().getHostAddress() + ", port: " + i.port() + ", tags: []}");
        }
        return y;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Workload DIR [services-per-env]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Workload w = new Workload(args.length > 1 ? Integer.parseInt(args[1]) : SERVICES);
        Files.createDirectories(dir);
        write(dir.resolve("queries.txt"), w.queries());
        write(dir.resolve("service.zone"), w.zone());
        write(dir.resolve("herald.yaml"), w.heraldYaml());
        System.out.println("workload: " + ENVS.size() + " envs x " + w.services + " services x " + INSTANCES
                + " instances -> " + dir);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            lines.forEach(out::println);
        }
    }
}
