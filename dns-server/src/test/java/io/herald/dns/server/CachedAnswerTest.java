package io.herald.dns.server;

import static io.herald.dns.Fixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.naming.NamingConfig;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.dns.DnsConfig;
import io.herald.dns.Fixtures;
import io.herald.dns.forward.ForwardConfig;
import io.herald.dns.index.IndexPublisher;
import io.herald.dns.index.ZoneIndex;
import io.herald.dns.index.ZoneIndexBuilder;
import io.herald.dns.resolve.Resolution;
import io.herald.dns.resolve.Resolver;
import io.herald.dns.wire.AnswerCache;
import io.herald.dns.wire.ParsedQuery;
import io.herald.dns.wire.QueryParser;
import io.herald.dns.wire.ResponseWriter;
import io.herald.ttl.TtlPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The precomputed-answer path and the full path (parse, resolve, encode) give the same bytes for every query. */
class CachedAnswerTest {
    private static final List<String> NAMES = List.of("web.prod.service", "WeB.PrOd.SeRvIcE", "_web._tcp.prod.service",
            "_WEB._udp.prod.service", "v2.web.prod.service", "web-1.web.prod.service", "web.dev.service",
            "nothing.prod.service", "Nothing.Else.prod.service", "prod.service", "service", "ns.service",
            "db.prod.service", "api.prod.service", "v6.prod.service", "big.prod.service", "_big._tcp.prod.service",
            "11.0.18.198.in-addr.arpa", "example.org", "a_b.prod.service");
    private static final int[] TYPES = {Type.A, Type.AAAA, Type.SRV, Type.TXT, Type.SOA, Type.NS, Type.ANY, Type.PTR,
            Type.MX, Type.AXFR};
    private static final int[] EDNS = {0, 512, 600, 1232, 4096};

    private CatalogStore store;
    private IndexPublisher index;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    @BeforeEach
    void setUp() {
        store = Fixtures.store();
        for (int i = 0; i < 40; i++) {
            store.register(instance("big", "prod", "big-" + i, "198.18.10." + (i + 1), 9000 + i, Health.PASSING));
        }
        index = new IndexPublisher(store, builder(), TtlPolicy.fixed(5, 30), new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private static ZoneIndexBuilder builder() {
        return new ZoneIndexBuilder(NamingConfig.defaults(), TtlPolicy.fixed(5, 30), List.of(Fixtures.ip("127.0.0.1")), 0);
    }

    private QueryProcessor processor() {
        return new QueryProcessor(index, null, ForwardConfig.disabled(), DnsConfig.loopback(),
                new DnsMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void cachedAndFullPathsGiveIdenticalBytes() throws IOException {
        QueryProcessor cached = processor();
        QueryProcessor full = processor();
        int fromCache = 0;
        int compared = 0;
        for (String name : NAMES) {
            for (int type : TYPES) {
                for (int edns : EDNS) {
                    for (boolean tcp : new boolean[] {false, true}) {
                        byte[] query = query(name, type, edns, compared);
                        for (int rotation = 0; rotation < 4; rotation++) { // a miss, then hits in other rotations
                            ByteBuf packet = Unpooled.wrappedBuffer(query);
                            ByteBuf viaCache = cached.answerCached(packet, tcp, alloc, rotation);
                            byte[] expected = fullPath(full, packet, tcp, rotation);
                            if (viaCache == null) {
                                continue; // refused, truncated or too many rotations: the full path's business
                            }
                            fromCache++;
                            assertThat(bytes(viaCache)).as("%s %s edns %d tcp %s", name, Type.string(type), edns, tcp)
                                    .isEqualTo(expected);
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(fromCache).as("the cache answered most queries").isGreaterThan(NAMES.size() * TYPES.length * 4);
    }

    @Test
    void flagsIdAndQuestionCaseComeFromEachQuery() throws IOException {
        QueryProcessor cached = processor();
        Message q = Message.newQuery(Record.newRecord(Name.fromString("WEB.prod.Service."), Type.A, DClass.ANY));
        q.getHeader().setID(31337);
        q.getHeader().setFlag(Flags.CD);
        q.getHeader().unsetFlag(Flags.RD);
        cached.answerCached(Unpooled.wrappedBuffer(q.toWire()), false, alloc, 0).release(); // fills the cache
        Message m = new Message(bytes(cached.answerCached(Unpooled.wrappedBuffer(q.toWire()), false, alloc, 1)));
        assertThat(m.getHeader().getID()).isEqualTo(31337);
        assertThat(m.getHeader().getFlag(Flags.CD)).isTrue();
        assertThat(m.getHeader().getFlag(Flags.RD)).isFalse();
        assertThat(m.getQuestion().getName().toString()).isEqualTo("WEB.prod.Service.");
        assertThat(m.getQuestion().getDClass()).isEqualTo(DClass.ANY);
        assertThat(m.getSection(Section.ANSWER)).hasSize(2);
    }

    @Test
    void cachedAnswersFollowEachNewSnapshot() throws IOException {
        ZoneIndexBuilder builder = builder();
        ZoneIndex before = builder.build(store.current());
        AnswerCache cache = new AnswerCache(1000, false, 1232);
        List<byte[]> queries = new ArrayList<>();
        for (String name : List.of("web.prod.service", "_web._tcp.prod.service", "fresh.prod.service",
                "web-2.web.prod.service", "db.prod.service", "v6.prod.service")) {
            queries.add(query(name, Type.A, 1232, 7));
            queries.add(query(name, Type.SRV, 0, 8));
        }
        for (byte[] q : queries) {
            assertSame(cache, before, q);
        }
        store.register(instance("web", "prod", "web-4", "198.18.0.14", 8084, Health.PASSING));
        store.register(instance("fresh", "prod", "fresh-1", "198.18.5.5", 80, Health.PASSING));
        store.updateHealth(new io.herald.core.InstanceKey("prod", "web", "web-2"), Health.CRITICAL);
        ZoneIndex after = builder.build(store.current(), before);
        assertThat(after.names().get("v6.prod.service")).as("unchanged record sets are kept by identity")
                .isSameAs(before.names().get("v6.prod.service"));
        assertThat(after.names().get("web.prod.service")).isNotSameAs(before.names().get("web.prod.service"));
        for (byte[] q : queries) {
            assertSame(cache, after, q);
        }
        Message web = new Message(bytes(cache.answer(Unpooled.wrappedBuffer(queries.get(0)), after, 0, false, alloc)));
        assertThat(web.getSection(Section.ANSWER)).extracting(Record::rdataToString)
                .containsExactlyInAnyOrder("198.18.0.11", "198.18.0.14");
        Message nx = new Message(bytes(cache.answer(Unpooled.wrappedBuffer(queries.get(6)), after, 0, false, alloc)));
        assertThat(nx.getRcode()).as("web-2 went critical").isEqualTo(org.xbill.DNS.Rcode.NXDOMAIN);
    }

    @Test
    void nxdomainStaysCachedAcrossUnrelatedChangesAndFollowsItsOwnName() throws IOException {
        ZoneIndexBuilder builder = builder();
        ZoneIndex v1 = builder.build(store.current());
        AnswerCache cache = new AnswerCache(1000, false, 1232);
        byte[] nx = query("later.prod.service", Type.A, 0, 9);
        assertSame(cache, v1, nx);
        long encodes = cache.encoded();

        store.register(instance("web", "prod", "web-9", "198.18.0.19", 8089, Health.PASSING));
        ZoneIndex v2 = builder.build(store.current(), v1);
        assertSame(cache, v2, nx);
        assertThat(cache.encoded()).as("an unrelated change leaves the NXDOMAIN cached").isEqualTo(encodes);

        store.register(instance("later", "prod", "later-1", "198.18.6.6", 80, Health.PASSING));
        ZoneIndex v3 = builder.build(store.current(), v2);
        assertSame(cache, v3, nx);
        Message m = new Message(bytes(cache.answer(Unpooled.wrappedBuffer(nx), v3, 0, false, alloc)));
        assertThat(m.getRcode()).isEqualTo(org.xbill.DNS.Rcode.NOERROR);
        assertThat(m.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("198.18.6.6");

        store.deregister(new io.herald.core.InstanceKey("prod", "later", "later-1"));
        ZoneIndex v4 = builder.build(store.current(), v3);
        assertSame(cache, v4, nx);
        assertThat(new Message(bytes(cache.answer(Unpooled.wrappedBuffer(nx), v4, 0, false, alloc))).getRcode())
                .isEqualTo(org.xbill.DNS.Rcode.NXDOMAIN);
    }

    /** 300 random catalogue changes: after each, cached and full path agree for present, absent and ENT names. */
    @Test
    void cachedAndFullPathsAgreeThroughRandomChanges() throws IOException {
        java.util.Random r = new java.util.Random(11);
        ZoneIndexBuilder builder = builder();
        ZoneIndex snapshot = builder.build(store.current());
        AnswerCache cache = new AnswerCache(1000, false, 1232);
        List<String> services = List.of("web", "db", "gone", "x", "y");
        List<byte[]> queries = new ArrayList<>();
        for (String s : services) {
            for (String name : List.of(s + ".prod.service", s + "-1." + s + ".prod.service", "_" + s + "._tcp.prod.service",
                    "deep.nothing." + s + ".prod.service")) {
                queries.add(query(name, Type.A, 0, 3));
                queries.add(query(name, Type.SRV, 1232, 4));
                queries.add(query(name, Type.TXT, 0, 5));
            }
        }
        for (int step = 0; step < 300; step++) {
            String svc = services.get(r.nextInt(services.size()));
            String id = svc + "-" + r.nextInt(3);
            if (r.nextInt(3) == 0) {
                store.deregister(new io.herald.core.InstanceKey("prod", svc, id));
            } else {
                store.register(instance(svc, "prod", id, "198.18.7." + (1 + r.nextInt(200)), 80 + r.nextInt(3),
                        r.nextInt(5) == 0 ? Health.CRITICAL : Health.PASSING));
            }
            snapshot = builder.build(store.current(), snapshot);
            for (byte[] q : queries) {
                ByteBuf viaCache = cache.answer(Unpooled.wrappedBuffer(q), snapshot, step, false, alloc);
                if (viaCache != null) {
                    assertThat(bytes(viaCache)).as("step %d", step)
                            .isEqualTo(reference(Unpooled.wrappedBuffer(q), snapshot, step));
                }
            }
        }
    }

    /** Cached and full path agree for this snapshot over a few rotations. */
    private void assertSame(AnswerCache cache, ZoneIndex snapshot, byte[] query) {
        for (int rotation = 0; rotation < 5; rotation++) {
            ByteBuf viaCache = cache.answer(Unpooled.wrappedBuffer(query), snapshot, rotation, false, alloc);
            assertThat(viaCache).isNotNull();
            assertThat(bytes(viaCache)).isEqualTo(reference(Unpooled.wrappedBuffer(query), snapshot, rotation));
        }
    }

    /** The full path of QueryProcessor for a cacheable query: parse, resolve, encode. */
    private static byte[] reference(ByteBuf packet, ZoneIndex snapshot, int rotation) {
        ParsedQuery q = QueryParser.parse(packet);
        Resolution r = Resolver.resolve(snapshot, q.qnameLower(), q.qtype(), rotation, false);
        ByteBuf out = Unpooled.buffer();
        ResponseWriter.write(out, q, r, q.edns() ? Math.min(q.udpPayload(), 1232) : 512, false, 1232);
        return bytes(out);
    }

    private byte[] fullPath(QueryProcessor full, ByteBuf packet, boolean tcp, int rotation) {
        List<byte[]> replies = new ArrayList<>();
        full.processFull(packet, null, tcp, alloc, rotation, reply -> replies.add(bytes(reply)));
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }

    private static byte[] query(String name, int type, int edns, int id) throws IOException {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
        q.getHeader().setID(id & 0xffff);
        if (edns > 0) {
            q.addRecord(new OPTRecord(edns, 0, 0), Section.ADDITIONAL);
        }
        return q.toWire();
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = ByteBufUtil.getBytes(b);
        b.release();
        return out;
    }
}
