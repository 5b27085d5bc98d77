package io.herald.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpResources;

/**
 * Connects and closes at once, on plain Netty (a connect needs no pipeline) using Reactor Netty's shared event
 * loops. SO_LINGER 0 resets instead of lingering, so thousands of checks leave no TIME_WAIT sockets. A run
 * completes only once its socket is closed, so the pipeline's concurrency limit bounds open sockets. Host names
 * (rare: targets are usually the instance's address) are resolved off the event loop.
 */
final class TcpProbe {
    private final Bootstrap bootstrap;
    private final Scheduler blocking;

    TcpProbe(SocketGauge sockets, Scheduler blocking) {
        this.blocking = blocking;
        LoopResources loops = TcpResources.get();
        EventLoopGroup group = loops.onClient(true);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(loops.onChannelClass(SocketChannel.class, group))
                .option(ChannelOption.SO_LINGER, 0)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        sockets.track(ch);
                    }
                });
    }

    Mono<CheckResult> run(TcpTarget target, Duration timeout) {
        String where = target.host().contains(":") ? "[" + target.host() + "]:" + target.port()
                : target.host() + ":" + target.port();
        return address(target)
                .flatMap(address -> connect(address, timeout, where))
                .onErrorResume(e -> Mono.just(CheckResult.critical("TCP connect to " + where + " failed: "
                        + Probes.describe(e, timeout))));
    }

    private Mono<InetSocketAddress> address(TcpTarget target) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(target.host());
        if (literal != null) {
            return Mono.fromCallable(() -> new InetSocketAddress(InetAddress.getByAddress(literal), target.port()));
        }
        return Mono.fromCallable(() -> new InetSocketAddress(InetAddress.getByName(target.host()), target.port()))
                .subscribeOn(blocking);
    }

    private Mono<CheckResult> connect(InetSocketAddress address, Duration timeout, String where) {
        return Mono.create(sink -> {
            ChannelFuture connect = bootstrap.clone()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                    .connect(address);
            sink.onCancel(() -> connect.channel().close());
            connect.addListener(f -> {
                CheckResult result = f.isSuccess()
                        ? CheckResult.passing("TCP connect to " + where + " succeeded")
                        : CheckResult.critical("TCP connect to " + where + " failed: " + Probes.describe(f.cause(), timeout));
                connect.channel().close().addListener(closed -> sink.success(result));
            });
        });
    }
}
