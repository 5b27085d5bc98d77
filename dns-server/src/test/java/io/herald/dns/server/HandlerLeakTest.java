package io.herald.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.naming.NamingConfig;
import io.herald.core.CatalogStore;
import io.herald.dns.DnsConfig;
import io.herald.dns.Fixtures;
import io.herald.dns.forward.ForwardConfig;
import io.herald.dns.index.IndexPublisher;
import io.herald.dns.index.ZoneIndexBuilder;
import io.herald.ttl.TtlPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/** The shared handlers release every buffer they take and hand over replies with exactly one reference. */
class HandlerLeakTest {
    private IndexPublisher index;
    private QueryProcessor processor;

    @BeforeEach
    void setUp() {
        CatalogStore store = Fixtures.store();
        index = new IndexPublisher(store, new ZoneIndexBuilder(NamingConfig.defaults(), TtlPolicy.fixed(5, 30),
                List.of(Fixtures.ip("127.0.0.1")), 0), TtlPolicy.fixed(5, 30), new SimpleMeterRegistry());
        processor = new QueryProcessor(index, null, ForwardConfig.disabled(), DnsConfig.loopback(),
                new DnsMetrics(new SimpleMeterRegistry()));
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    @Test
    void udpHandlerReleasesQueriesAndReplies() throws Exception {
        UdpQueryHandler handler = new UdpQueryHandler(processor);
        assertThat(handler.isSharable()).isTrue();
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        InetSocketAddress client = new InetSocketAddress("127.0.0.1", 5353);
        for (byte[] packet : List.of(DnsClient.wire("web.prod.service", Type.SRV, 1), new byte[] {1, 2, 3},
                DnsClient.wire("missing.prod.service", Type.A, 2))) {
            ByteBuf in = Unpooled.directBuffer().writeBytes(packet);
            channel.writeInbound(new DatagramPacket(in, new InetSocketAddress("127.0.0.1", 53), client));
            assertThat(in.refCnt()).isZero();
        }
        DatagramPacket first = channel.readOutbound();
        assertThat(first.content().refCnt()).isEqualTo(1);
        byte[] bytes = new byte[first.content().readableBytes()];
        first.content().getBytes(first.content().readerIndex(), bytes);
        assertThat(new Message(bytes).getHeader().getID()).isEqualTo(1);
        first.release();
        assertThat(first.content().refCnt()).isZero();
        DatagramPacket second = channel.readOutbound();
        assertThat(second.recipient()).isEqualTo(client);
        second.release();
        assertThat((Object) channel.readOutbound()).as("the 3-byte packet was dropped").isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void tcpHandlerReleasesFramesAndPrefixesLength() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new TcpQueryHandler(processor));
        ByteBuf frame = Unpooled.wrappedBuffer(DnsClient.wire("web.prod.service", Type.A, 7));
        channel.writeInbound(frame);
        assertThat(frame.refCnt()).isZero();
        ByteBuf reply = channel.readOutbound();
        assertThat(reply.getUnsignedShort(reply.readerIndex())).isEqualTo(reply.readableBytes() - 2);
        reply.release();
        assertThat(reply.refCnt()).isZero();
    }
}
