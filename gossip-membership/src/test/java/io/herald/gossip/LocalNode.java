package io.herald.gossip;

import io.herald.core.CatalogStore;
import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A cluster node inside the test JVM: a store and its membership on a free loopback port. */
final class LocalNode implements AutoCloseable {
    final String name;
    final int port;
    final CatalogStore store;
    final GossipMembership membership;

    LocalNode(String name, ClusterConfig config) {
        this.name = name;
        this.port = config.port();
        this.store = new CatalogStore(name);
        this.membership = GossipMembership.create(config, store);
    }

    /** A node around a membership built elsewhere (e.g. with a meter registry). */
    LocalNode(String name, GossipMembership membership, CatalogStore store, int port) {
        this.name = name;
        this.port = port;
        this.store = store;
        this.membership = membership;
    }

    static LocalNode start(String name, List<Seed> seeds) {
        LocalNode n = new LocalNode(name, ClusterConfig.forTest(Ports.free(), seeds));
        n.membership.start();
        return n;
    }

    Seed seed() {
        return new Seed("127.0.0.1", port);
    }

    ServiceInstance register(String id) {
        return store.register(ServiceInstance.of("svc", "prod", id, InetAddress.getLoopbackAddress(), 8080));
    }

    @Override
    public void close() {
        membership.close();
    }

    /** Closes nodes in parallel: each close waits for Atomix's graceful Netty shutdown (about 2 s). */
    static void closeAll(List<? extends AutoCloseable> nodes) {
        List<Thread> closing = new ArrayList<>();
        for (AutoCloseable n : nodes) {
            Thread t = new Thread(() -> {
                try {
                    n.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "close-" + n);
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
