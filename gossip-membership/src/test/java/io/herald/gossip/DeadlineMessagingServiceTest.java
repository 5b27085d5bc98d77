package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atomix.cluster.messaging.MessagingConfig;
import io.atomix.cluster.messaging.impl.NettyMessagingService;
import io.atomix.utils.net.Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A frozen peer is simulated by a listening socket that never accepts: the kernel completes TCP connections into
 * its backlog, exactly as for a SIGSTOPped process, but nothing ever answers Atomix's protocol handshake.
 */
class DeadlineMessagingServiceTest {
    private NettyMessagingService raw;
    private DeadlineMessagingService wrapped;
    private DeadlineMessagingService peer;
    private ServerSocket frozen;

    private static NettyMessagingService netty(int port) {
        MessagingConfig config = new MessagingConfig().setInterfaces(List.of("127.0.0.1")).setPort(port);
        return new NettyMessagingService(AtomixNode.CLUSTER_ID, new Address("127.0.0.1", port), config);
    }

    @AfterEach
    void stop() throws Exception {
        // Each stop waits out Netty's graceful shutdown (about 2 s): run them together.
        List<CompletableFuture<Void>> stopping = new java.util.ArrayList<>();
        for (var m : new io.atomix.utils.Managed<?>[] {raw, wrapped, peer}) {
            if (m != null) {
                stopping.add(m.stop());
            }
        }
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        if (frozen != null) {
            frozen.close();
        }
    }

    @Test
    void requestsToAPeerThatNeverHandshakesFailAtTheirDeadline() throws Exception {
        frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Address frozenAddress = new Address("127.0.0.1", frozen.getLocalPort());

        raw = netty(Ports.free());
        raw.start().get(10, TimeUnit.SECONDS);
        CompletableFuture<byte[]> unbounded = raw.sendAndReceive(frozenAddress, "probe", new byte[1], false,
                Duration.ofMillis(200));
        // Atomix's own timeout never starts: the probe is still pending long after its 200 ms timeout.
        assertThatThrownBy(() -> unbounded.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);

        wrapped = new DeadlineMessagingService(netty(Ports.free()), Duration.ofMillis(300), "test");
        wrapped.start().get(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        CompletableFuture<byte[]> probe = wrapped.sendAndReceive(frozenAddress, "probe", new byte[1], false,
                Duration.ofMillis(200));
        assertThatThrownBy(() -> probe.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
        long probeMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(probeMs).as("probe failure time (ms)").isBetween(150L, 900L);

        CompletableFuture<Void> push = wrapped.sendAsync(frozenAddress, "push", new byte[1]);
        assertThatThrownBy(() -> push.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void answeredRequestsPassThroughOnTheCallersExecutor() throws Exception {
        int peerPort = Ports.free();
        peer = new DeadlineMessagingService(netty(peerPort), Duration.ofSeconds(1), "peer");
        BiFunction<Address, byte[], byte[]> echo = (from, bytes) ->
                ("echo " + new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        peer.registerHandler("echo", echo, Runnable::run);
        peer.start().get(10, TimeUnit.SECONDS);
        wrapped = new DeadlineMessagingService(netty(Ports.free()), Duration.ofSeconds(1), "test");
        wrapped.start().get(10, TimeUnit.SECONDS);

        java.util.concurrent.atomic.AtomicInteger completions = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Executor callers = task -> {
            completions.incrementAndGet();
            task.run();
        };
        byte[] answer = wrapped.sendAndReceive(new Address("127.0.0.1", peerPort), "echo",
                "hi".getBytes(StandardCharsets.UTF_8), true, Duration.ofSeconds(1), callers).get(5, TimeUnit.SECONDS);
        assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("echo hi");
        assertThat(completions).as("completions run on the caller's executor").hasValue(1);
    }
}
