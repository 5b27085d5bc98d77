package io.herald.dns.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * Answers each datagram; stateless and shared by every UDP channel. Local replies are queued and flushed once
 * per read batch (one sendmmsg on epoll); replies completing later (forwarding) are flushed on their own.
 */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UdpQueryHandler.class);
    private final QueryProcessor processor;

    UdpQueryHandler(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        int rotation = processor.nextRotation(packet.content());
        ByteBuf cached = processor.answerCached(packet.content(), false, ctx.alloc(), rotation);
        if (cached != null) {
            ctx.write(new DatagramPacket(cached, packet.sender()), ctx.voidPromise());
            return;
        }
        processor.processFull(packet.content(), packet.sender().getAddress(), false, ctx.alloc(), rotation,
                reply -> ctx.writeAndFlush(new DatagramPacket(reply, packet.sender()), ctx.voidPromise()));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A bad datagram must never close the shared UDP socket; log and go on.
        log.warn("DNS query failed: {}", cause.toString(), cause);
    }
}
