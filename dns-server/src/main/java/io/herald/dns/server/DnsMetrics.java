package io.herald.dns.server;

import io.herald.core.MetricNames;
import io.herald.dns.resolve.RcodeTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Query counters by type and rcode, and a latency histogram. Meters are looked up once per (type, rcode). */
final class DnsMetrics {
    private final MeterRegistry registry;
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
        long key = ((long) qtype << 20) | ((long) rcode << 1) | (transport.equals("udp") ? 0 : 1);
        queries.computeIfAbsent(key, k -> Counter.builder(MetricNames.DNS_QUERIES)
                .tag(MetricNames.TAG_TYPE, typeName(qtype))
                .tag(MetricNames.TAG_RCODE, RcodeTable.name(rcode))
                .tag(MetricNames.TAG_TRANSPORT, transport)
                .register(registry)).increment();
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
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
