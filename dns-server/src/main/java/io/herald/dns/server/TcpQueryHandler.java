package io.herald.dns.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Answers each length-delimited query of a TCP connection (RFC 7766: many per connection, replies may come out
 * of order when some are forwarded). Stateless and shared by every connection.
 */
@ChannelHandler.Sharable
final class TcpQueryHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final QueryProcessor processor;

    TcpQueryHandler(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        // Unknown peers (not an IP socket) are never allowed to forward.
        InetAddress client = ctx.channel().remoteAddress() instanceof InetSocketAddress isa ? isa.getAddress() : null;
        processor.process(frame, client, true, ctx.alloc(), reply -> {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(reply, ctx.voidPromise());
            } else {
                reply.release();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
