package io.herald.bench.jmh;

import io.herald.bench.Workload;
import io.herald.config.naming.NamingConfig;
import io.herald.dns.index.NameNode;
import io.herald.dns.index.ZoneIndex;
import io.herald.dns.index.ZoneIndexBuilder;
import io.herald.dns.resolve.Resolution;
import io.herald.dns.resolve.Resolver;
import io.herald.dns.resolve.RrTypes;
import io.herald.dns.wire.AnswerCache;
import io.herald.dns.wire.ParsedQuery;
import io.herald.dns.wire.QueryParser;
import io.herald.dns.wire.ResponseWriter;
import io.herald.ttl.TtlPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-query work of Herald's DNS server without sockets, over the benchmark workload (9,000 instances):
 * name lookup in the snapshot, and packet-to-reply for an A answer, an SRV answer with glue and an NXDOMAIN,
 * both through the full path (parse, resolve, encode with compression) and through the precomputed answers
 * the server uses for such queries. Run with {@code -prof gc} for bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dio.netty.leakDetection.level=disabled"})
public class ResolveBenchmark {
    private static final int TCP_LIMIT = 65535;

    private ZoneIndex index;
    private AnswerCache cache;
    private ByteBufAllocator alloc;
    private ByteBuf queryA;
    private ByteBuf querySrv;
    private ByteBuf queryNx;
    private String nameA;
    private int rotation;

    @Setup
    public void setUp() {
        index = new ZoneIndexBuilder(NamingConfig.defaults(), TtlPolicy.fixed(Workload.TTL, Workload.TTL),
                List.of(InetAddress.getLoopbackAddress()), 0).build(new Workload(Workload.SERVICES).store().current());
        cache = new AnswerCache(200_000, false, 1232);
        alloc = PooledByteBufAllocator.DEFAULT;
        nameA = "svc-0421.prod.service";
        queryA = query("Svc-0421.Prod.Service", RrTypes.A);
        querySrv = query("_svc-0421._tcp.prod.service", RrTypes.SRV);
        queryNx = query("missing-17.prod.service", RrTypes.A);
    }

    /** An EDNS query as dig or a stub resolver sends it, in a direct buffer like the ones Netty reads into. */
    static ByteBuf query(String name, int type) {
        ByteBuf b = Unpooled.directBuffer(512);
        b.writeShort(0x1234).writeShort(0x0100).writeShort(1).writeShort(0).writeShort(0).writeShort(1);
        for (String label : name.split("\\.")) {
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            b.writeByte(l.length).writeBytes(l);
        }
        b.writeByte(0).writeShort(type).writeShort(1);
        b.writeByte(0).writeShort(RrTypes.OPT).writeShort(1232).writeInt(0).writeShort(0);
        return b;
    }

    @Benchmark
    public NameNode lookupByName() {
        return index.names().get(nameA);
    }

    @Benchmark
    public int fullA() {
        return full(queryA);
    }

    @Benchmark
    public int fullSrvWithGlue() {
        return full(querySrv);
    }

    @Benchmark
    public int fullNxdomain() {
        return full(queryNx);
    }

    @Benchmark
    public int cachedA() {
        return cached(queryA);
    }

    @Benchmark
    public int cachedSrvWithGlue() {
        return cached(querySrv);
    }

    @Benchmark
    public int cachedNxdomain() {
        return cached(queryNx);
    }

    /** What the server does without precomputed answers: parse, resolve, encode with compression. */
    private int full(ByteBuf packet) {
        ParsedQuery q = QueryParser.parse(packet);
        Resolution r = Resolver.resolve(index, q.qnameLower(), q.qtype(), rotation++, false);
        ByteBuf out = alloc.ioBuffer(1232);
        ResponseWriter.write(out, q, r, Math.min(q.udpPayload(), 1232), false, 1232);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    private int cached(ByteBuf packet) {
        ByteBuf out = cache.answer(packet, index, rotation++, false, alloc);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    /** For a quick look without JMH: the reply sizes, which also proves both paths answer. */
    public static void main(String[] args) {
        ResolveBenchmark b = new ResolveBenchmark();
        b.setUp();
        System.out.printf("A %d/%d bytes, SRV %d/%d, NXDOMAIN %d/%d (full/cached), tcp limit %d%n", b.fullA(),
                b.cachedA(), b.fullSrvWithGlue(), b.cachedSrvWithGlue(), b.fullNxdomain(), b.cachedNxdomain(),
                TCP_LIMIT);
    }
}
