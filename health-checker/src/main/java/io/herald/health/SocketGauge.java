package io.herald.health;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the check sockets open right now and the most ever open at once. */
final class SocketGauge {
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    void track(Channel channel) {
        int now = open.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        channel.closeFuture().addListener(f -> open.decrementAndGet());
    }

    int open() {
        return open.get();
    }

    int peak() {
        return peak.get();
    }
}
