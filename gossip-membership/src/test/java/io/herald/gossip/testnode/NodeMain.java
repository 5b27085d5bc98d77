package io.herald.gossip.testnode;

import io.herald.core.Catalog;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.herald.core.cluster.Member;
import io.herald.gossip.ClusterConfig;
import io.herald.gossip.GossipMembership;
import io.herald.gossip.Seed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import reactor.core.Disposable;

/**
 * One Herald cluster node in its own JVM, for tests that kill, freeze and restart nodes.
 *
 * <p>Arguments: node name, cluster port, seeds ({@code 127.0.0.1:port,...} or {@code -}), number of instances to
 * register ({@code svc} in env {@code prod}, ids {@code <name>-<i>}). Prints {@code READY <control port>} once
 * joined. The control port (127.0.0.1) takes one command per line:
 * <ul>
 *   <li>{@code visible}: answers {@code VISIBLE <node>/<id>,...} (sorted) of the instances this node would serve;
 *   <li>{@code watch}: the same line now and after every catalogue change, until the client disconnects;
 *   <li>{@code members}: answers {@code MEMBERS <name>=<STATE>,...};
 *   <li>{@code register <id>}, {@code deregister <id>}, {@code health <id> <passing|warning|critical>}: {@code OK}.
 * </ul>
 * SIGTERM runs the shutdown hook, which leaves the cluster gracefully.
 */
public final class NodeMain {
    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        List<Seed> seeds = new ArrayList<>();
        if (!args[2].equals("-")) {
            for (String s : args[2].split(",")) {
                seeds.add(Seed.parse(s, port));
            }
        }
        int instances = Integer.parseInt(args[3]);

        CatalogStore store = new CatalogStore(name);
        for (int i = 0; i < instances; i++) {
            store.register(instance(name + "-" + i, 8000 + i));
        }
        GossipMembership membership = GossipMembership.create(ClusterConfig.forTest(port, seeds), store);
        membership.start();
        Runtime.getRuntime().addShutdownHook(new Thread(membership::close, "leave-on-sigterm"));

        ServerSocket control = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        System.out.println("READY " + control.getLocalPort());
        System.out.flush();
        while (true) {
            Socket client = control.accept();
            Thread t = new Thread(() -> serve(client, store, membership), "control");
            t.setDaemon(true);
            t.start();
        }
    }

    static ServiceInstance instance(String id, int port) {
        return ServiceInstance.of("svc", "prod", id, InetAddress.getLoopbackAddress(), port);
    }

    private static void serve(Socket client, CatalogStore store, GossipMembership membership) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.trim().split(" ");
                switch (cmd[0]) {
                    case "visible" -> out.println(visibleLine(store.current()));
                    case "watch" -> {
                        watch(store, out, in);
                        return;
                    }
                    case "members" -> out.println("MEMBERS " + membersOf(membership.members()));
                    case "register" -> {
                        store.register(instance(cmd[1], 9000));
                        out.println("OK");
                    }
                    case "deregister" -> {
                        store.deregister(new InstanceKey("prod", "svc", cmd[1]));
                        out.println("OK");
                    }
                    case "health" -> {
                        store.updateHealth(new InstanceKey("prod", "svc", cmd[1]), Health.parse(cmd[2]));
                        out.println("OK");
                    }
                    default -> out.println("ERROR unknown command " + cmd[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The test closed the connection or sent a bad command; the node keeps running.
        }
    }

    /** Streams the visible set on every change until the client disconnects. */
    private static void watch(CatalogStore store, PrintWriter out, BufferedReader in) throws IOException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Disposable d = store.changes().map(NodeMain::visibleLine).distinctUntilChanged().subscribe(lines::add);
        Thread reader = Thread.currentThread();
        Thread eof = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // drain until the client closes
                }
            } catch (IOException ignored) {
                // closed
            }
            reader.interrupt();
        }, "control-eof");
        eof.setDaemon(true);
        eof.start();
        try {
            while (!out.checkError()) {
                String next = lines.poll(1, TimeUnit.MINUTES);
                if (next == null) {
                    break;
                }
                out.println(next);
            }
        } catch (InterruptedException closed) {
            // client went away
        } finally {
            d.dispose();
        }
    }

    static String visibleLine(Catalog c) {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceInstance i : c.visible()) {
            names.add(i.node() + "/" + i.id());
        }
        return "VISIBLE " + String.join(",", names);
    }

    static String membersOf(List<Member> members) {
        return members.stream().map(m -> m.name() + "=" + m.state()).sorted().collect(Collectors.joining(","));
    }
}
