package io.herald.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback TCP listeners on one selector thread that accept, hold each connection until the peer closes or resets
 * it, and count accepted-and-open connections (now and at most). Light enough not to skew a load test.
 */
final class CountingListeners implements AutoCloseable {
    private final Selector selector;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread loop;
    private volatile boolean running = true;

    CountingListeners(int count) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < count; i++) {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            s.configureBlocking(false);
            s.register(selector, SelectionKey.OP_ACCEPT);
            servers.add(s);
        }
        loop = new Thread(this::run, "counting-listeners");
        loop.setDaemon(true);
        loop.start();
    }

    int port(int i) {
        return servers.get(i).socket().getLocalPort();
    }

    int peak() {
        return peak.get();
    }

    int accepted() {
        return accepted.get();
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(256);
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        SocketChannel c;
                        while ((c = ((ServerSocketChannel) key.channel()).accept()) != null) {
                            accepted.incrementAndGet();
                            peak.accumulateAndGet(open.incrementAndGet(), Math::max);
                            c.configureBlocking(false);
                            c.register(selector, SelectionKey.OP_READ);
                        }
                    } else if (key.isValid() && key.isReadable()) {
                        SocketChannel c = (SocketChannel) key.channel();
                        int n;
                        try {
                            buf.clear();
                            n = c.read(buf);
                        } catch (IOException reset) {
                            n = -1;
                        }
                        if (n < 0) {
                            key.cancel();
                            c.close();
                            open.decrementAndGet();
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException("listener loop failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
    }
}
