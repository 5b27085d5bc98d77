package io.herald.gossip;

import io.atomix.cluster.messaging.ManagedUnicastService;
import io.atomix.cluster.messaging.UnicastService;
import io.atomix.utils.net.Address;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * SWIM's UDP gossip channel with a gate that can drop outgoing datagrams. Always open in service; tests close it
 * to reproduce what a congested host does to gossip (datagrams lost, never resent) on real nodes and sockets.
 */
final class GossipGate implements ManagedUnicastService {
    private final ManagedUnicastService delegate;
    private volatile boolean open = true;

    GossipGate(ManagedUnicastService delegate) {
        this.delegate = delegate;
    }

    /** While closed, every outgoing gossip datagram is dropped. */
    void setOpen(boolean open) {
        this.open = open;
    }

    @Override
    public void unicast(Address address, String subject, byte[] message) {
        if (open) {
            delegate.unicast(address, subject, message);
        }
    }

    @Override
    public void addListener(String subject, BiConsumer<Address, byte[]> listener, Executor executor) {
        delegate.addListener(subject, listener, executor);
    }

    @Override
    public void removeListener(String subject, BiConsumer<Address, byte[]> listener) {
        delegate.removeListener(subject, listener);
    }

    @Override
    public CompletableFuture<UnicastService> start() {
        return delegate.start().thenApply(started -> this);
    }

    @Override
    public boolean isRunning() {
        return delegate.isRunning();
    }

    @Override
    public CompletableFuture<Void> stop() {
        return delegate.stop();
    }
}
