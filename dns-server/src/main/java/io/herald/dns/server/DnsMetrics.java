package io.herald.dns.server;

import io.herald.core.MetricNames;
import io.herald.dns.resolve.RcodeTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Query counters by type and rcode, and a latency histogram. Meters are looked up once per (type, rcode); the
 * common ones (type below 256, 4-bit rcode) sit in an array so counting a query allocates nothing.
 */
final class DnsMetrics {
    private static final int COMMON_TYPES = 256;
    private final MeterRegistry registry;
    private final AtomicReferenceArray<Counter> common = new AtomicReferenceArray<>(COMMON_TYPES * 16 * 2);
    private final ConcurrentHashMap<Long, Counter> queries = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Counter malformed;
    private final Counter truncated;

    DnsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder(MetricNames.DNS_QUERY_LATENCY)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(0).plusNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        this.malformed = Counter.builder(MetricNames.DNS_MALFORMED).register(registry);
        this.truncated = Counter.builder(MetricNames.DNS_TRUNCATED).register(registry);
    }

    void query(int qtype, int rcode, String transport, long startNanos) {
        counter(qtype, rcode, transport).increment();
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(int qtype, int rcode, String transport) {
        int tcp = transport.equals("udp") ? 0 : 1;
        if (qtype < COMMON_TYPES && rcode < 16) {
            int slot = (qtype * 16 + rcode) * 2 + tcp;
            Counter c = common.get(slot);
            if (c == null) {
                c = register(qtype, rcode, transport);
                common.set(slot, c); // a racing thread registers the same meter: the registry returns one
            }
            return c;
        }
        long key = ((long) qtype << 20) | ((long) rcode << 1) | tcp;
        return queries.computeIfAbsent(key, k -> register(qtype, rcode, transport));
    }

    private Counter register(int qtype, int rcode, String transport) {
        return Counter.builder(MetricNames.DNS_QUERIES)
                .tag(MetricNames.TAG_TYPE, typeName(qtype))
                .tag(MetricNames.TAG_RCODE, RcodeTable.name(rcode))
                .tag(MetricNames.TAG_TRANSPORT, transport)
                .register(registry);
    }

    void malformed() {
        malformed.increment();
    }

    void truncated() {
        truncated.increment();
    }

    private static String typeName(int qtype) {
        return io.netty.handler.codec.dns.DnsRecordType.valueOf(qtype).name();
    }
}
