package io.herald.dns.forward;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.herald.core.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Answers names outside Herald's zones by asking upstream resolvers with dnsjava (random query IDs and source
 * ports are dnsjava's), caching each answer in Caffeine for its TTL (negative answers for the SOA minimum,
 * RFC 2308). Concurrent identical questions share one upstream query. SERVFAIL and timeouts are not cached.
 */
public final class Forwarder {
    private static final int EDNS_PAYLOAD = 1232;

    private final Resolver resolver;
    private final AsyncCache<Key, Cached> cache;
    private final Ticker ticker;
    private final long maxTtlSeconds;
    private final Counter hits;
    private final Counter misses;
    private final MeterRegistry registry;

    record Key(String name, int type, int dclass) {}

    /** An upstream answer and when it was received, so TTLs can be aged on the way out. */
    record Cached(Message message, long receivedNanos, long ttlSeconds) {}

    public Forwarder(ForwardConfig config, MeterRegistry registry, Ticker ticker) {
        this.resolver = resolver(config.upstreams(), config.timeout());
        this.ticker = ticker;
        this.maxTtlSeconds = config.cacheMaxTtl().toSeconds();
        this.registry = registry;
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.cacheMaxEntries())
                .ticker(ticker)
                .expireAfter(new Expiry<Key, Cached>() {
                    @Override
                    public long expireAfterCreate(Key key, Cached value, long currentTime) {
                        return TimeUnit.SECONDS.toNanos(value.ttlSeconds());
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Cached value, long currentTime, long currentDuration) {
                        return TimeUnit.SECONDS.toNanos(value.ttlSeconds());
                    }

                    @Override
                    public long expireAfterRead(Key key, Cached value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .buildAsync();
        this.hits = Counter.builder(MetricNames.FORWARD_CACHE).tag(MetricNames.TAG_RESULT, "hit").register(registry);
        this.misses = Counter.builder(MetricNames.FORWARD_CACHE).tag(MetricNames.TAG_RESULT, "miss").register(registry);
    }

    public Forwarder(ForwardConfig config, MeterRegistry registry) {
        this(config, registry, Ticker.systemTicker());
    }

    private static Resolver resolver(List<InetSocketAddress> upstreams, Duration timeout) {
        List<Resolver> rs = new ArrayList<>();
        for (InetSocketAddress a : upstreams) {
            SimpleResolver r = new SimpleResolver(a);
            r.setTimeout(timeout);
            r.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
            rs.add(r);
        }
        if (rs.size() == 1) {
            return rs.get(0);
        }
        ExtendedResolver ext = new ExtendedResolver(rs);
        ext.setTimeout(timeout);
        ext.setLoadBalance(false);
        return ext;
    }

    /**
     * Resolves a question upstream (or from cache) and encodes the reply for the client.
     *
     * @param qname    the question name as the client wrote it, absolute ("Example.org.")
     * @param limit    largest reply the client accepts; larger replies are truncated with TC set
     * @param ednsPayload when positive, an OPT record advertising this size is added (the client used EDNS)
     */
    public CompletableFuture<byte[]> forward(int id, boolean rd, String qname, int qtype, int qclass, int limit,
                                             int ednsPayload) {
        Name name;
        try {
            name = Name.fromString(qname.endsWith(".") ? qname : qname + ".");
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        Key key = new Key(qname.toLowerCase(Locale.ROOT), qtype, qclass);
        boolean[] miss = {false};
        CompletableFuture<Cached> answer = cache.get(key, (k, executor) -> {
            miss[0] = true;
            return ask(name, qtype, qclass);
        });
        (miss[0] ? misses : hits).increment();
        return answer.thenApply(c -> reply(c, id, rd, name, qtype, qclass, limit, ednsPayload));
    }

    private CompletableFuture<Cached> ask(Name name, int qtype, int qclass) {
        Message query = Message.newQuery(Record.newRecord(name, qtype, qclass));
        return resolver.sendAsync(query).toCompletableFuture().handle((m, err) -> {
            String result = err != null ? "error" : Rcode.string(m.getRcode()).toLowerCase(Locale.ROOT);
            registry.counter(MetricNames.FORWARD_QUERIES, MetricNames.TAG_RESULT, result).increment();
            if (err != null) {
                throw new java.util.concurrent.CompletionException(err);
            }
            if (m.getRcode() != Rcode.NOERROR && m.getRcode() != Rcode.NXDOMAIN) {
                // SERVFAIL/REFUSED are passed on but not cached: the next client tries again.
                return new Cached(m, ticker.read(), 0);
            }
            return new Cached(m, ticker.read(), cacheTtl(m));
        });
    }

    /** The smallest TTL of the answer, or for negative answers min(SOA TTL, SOA minimum); capped. */
    private long cacheTtl(Message m) {
        long ttl = Long.MAX_VALUE;
        for (Record r : m.getSection(Section.ANSWER)) {
            ttl = Math.min(ttl, r.getTTL());
        }
        if (ttl == Long.MAX_VALUE) {
            for (Record r : m.getSection(Section.AUTHORITY)) {
                if (r instanceof SOARecord soa) {
                    ttl = Math.min(soa.getTTL(), soa.getMinimum());
                }
            }
        }
        if (ttl == Long.MAX_VALUE) {
            ttl = 0;
        }
        return Math.min(ttl, maxTtlSeconds);
    }

    private byte[] reply(Cached c, int id, boolean rd, Name name, int qtype, int qclass, int limit, int ednsPayload) {
        long age = TimeUnit.NANOSECONDS.toSeconds(ticker.read() - c.receivedNanos());
        Message up = c.message();
        Message out = new Message(id);
        out.getHeader().setFlag(Flags.QR);
        out.getHeader().setFlag(Flags.RA);
        if (rd) {
            out.getHeader().setFlag(Flags.RD);
        }
        out.getHeader().setRcode(up.getRcode() & 0xf);
        out.addRecord(Record.newRecord(name, qtype, qclass), Section.QUESTION);
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            for (Record r : up.getSection(section)) {
                if (r.getType() == Type.OPT) {
                    continue;
                }
                long ttl = Math.max(0, r.getTTL() - age);
                out.addRecord(Record.newRecord(r.getName(), r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical()),
                        section);
            }
        }
        if (ednsPayload > 0) {
            out.addRecord(new OPTRecord(ednsPayload, 0, 0), Section.ADDITIONAL);
        }
        return out.toWire(limit);
    }

    public long cachedEntries() {
        return cache.synchronous().estimatedSize();
    }
}
