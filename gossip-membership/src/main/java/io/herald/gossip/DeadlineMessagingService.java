package io.herald.gossip;

import io.atomix.cluster.messaging.ManagedMessagingService;
import io.atomix.cluster.messaging.MessagingService;
import io.atomix.utils.net.Address;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Puts a deadline on every request of Atomix's messaging service, connecting included.
 *
 * <p>Atomix's own timeout starts only once a connection has completed its protocol handshake, and the handshake has
 * no timeout. A frozen peer (SIGSTOP, a stuck VM) still has its kernel accept connections, so the handshake never
 * answers and SWIM's probes of it never complete: the peer is never suspected. With this wrapper a probe of a frozen
 * peer fails after the probe timeout like any other unanswered probe.
 */
final class DeadlineMessagingService implements ManagedMessagingService {
    private static final Executor DIRECT = Runnable::run;

    private final ManagedMessagingService delegate;
    private final Duration defaultDeadline;
    private final ScheduledExecutorService timer;

    DeadlineMessagingService(ManagedMessagingService delegate, Duration defaultDeadline, String nodeName) {
        this.delegate = delegate;
        this.defaultDeadline = defaultDeadline;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-cluster-deadlines-" + nodeName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Address address() {
        return delegate.address();
    }

    @Override
    public CompletableFuture<Void> sendAsync(Address address, String type, byte[] payload, boolean keepAlive) {
        return deadline(delegate.sendAsync(address, type, payload, keepAlive), null, address, type, DIRECT);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive) {
        return sendAndReceive(address, type, payload, keepAlive, null, DIRECT);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Executor executor) {
        return sendAndReceive(address, type, payload, keepAlive, null, executor);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Duration timeout) {
        return sendAndReceive(address, type, payload, keepAlive, timeout, DIRECT);
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceive(Address address, String type, byte[] payload, boolean keepAlive,
                                                    Duration timeout, Executor executor) {
        Duration reply = timeout != null ? timeout : defaultDeadline;
        return deadline(delegate.sendAndReceive(address, type, payload, keepAlive, reply, DIRECT),
                timeout, address, type, executor);
    }

    /** {@code in}, failed with a TimeoutException when it has not completed within the deadline. */
    private <T> CompletableFuture<T> deadline(CompletableFuture<T> in, Duration timeout, Address address, String type,
                                              Executor executor) {
        Duration d = timeout != null ? timeout : defaultDeadline;
        CompletableFuture<T> out = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        try {
            timer = this.timer.schedule(() -> complete(out, null, new TimeoutException(type + " to " + address
                    + " got no answer within " + d.toMillis() + " ms"), executor), d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            timer = null;
        }
        ScheduledFuture<?> scheduled = timer;
        in.whenComplete((value, error) -> {
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            complete(out, value, error, executor);
        });
        return out;
    }

    private static <T> void complete(CompletableFuture<T> out, T value, Throwable error, Executor executor) {
        if (out.isDone()) {
            return;
        }
        Runnable r = error == null ? () -> out.complete(value) : () -> out.completeExceptionally(error);
        try {
            executor.execute(r);
        } catch (RejectedExecutionException stopped) {
            r.run();
        }
    }

    @Override
    public void registerHandler(String type, BiConsumer<Address, byte[]> handler, Executor executor) {
        delegate.registerHandler(type, handler, executor);
    }

    @Override
    public void registerHandler(String type, BiFunction<Address, byte[], byte[]> handler, Executor executor) {
        delegate.registerHandler(type, handler, executor);
    }

    @Override
    public void registerHandler(String type, BiFunction<Address, byte[], CompletableFuture<byte[]>> handler) {
        delegate.registerHandler(type, handler);
    }

    @Override
    public void unregisterHandler(String type) {
        delegate.unregisterHandler(type);
    }

    @Override
    public CompletableFuture<MessagingService> start() {
        return delegate.start().thenApply(started -> this);
    }

    @Override
    public boolean isRunning() {
        return delegate.isRunning();
    }

    @Override
    public CompletableFuture<Void> stop() {
        return delegate.stop().whenComplete((v, e) -> timer.shutdownNow());
    }
}
