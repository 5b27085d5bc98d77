package io.herald.dns.index;

import io.herald.core.CatalogStore;
import io.herald.core.MetricNames;
import io.herald.ttl.TtlPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the current {@link ZoneIndex}: updates it off to the side on one background thread whenever the
 * catalogue or the TTL policy changes, coalescing bursts (only the latest pending change is built), and
 * publishes each result with one atomic swap. Query threads only ever read {@link #current()}. Catalogue changes
 * redo only the services they touch ({@link IndexMaintainer}); TTL policy changes rebuild everything.
 */
public final class IndexPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IndexPublisher.class);

    private final AtomicReference<ZoneIndex> current = new AtomicReference<>(ZoneIndex.EMPTY);
    private final Scheduler builder = Schedulers.newSingle("herald-index");
    private final Disposable subscription;

    public IndexPublisher(CatalogStore store, ZoneIndexBuilder indexBuilder, TtlPolicy ttl, MeterRegistry registry) {
        Timer rebuild = Timer.builder(MetricNames.DNS_INDEX_REBUILD_TIME).register(registry);
        IndexMaintainer maintainer = new IndexMaintainer(indexBuilder);
        current.set(maintainer.full(store.current()));
        // A TTL policy change may touch every record: it asks for a full rebuild, which no later catalogue change
        // may overwrite while both wait (only the latest signal is kept).
        AtomicBoolean fullPending = new AtomicBoolean();
        this.subscription = Flux.merge(store.changes().map(c -> Boolean.TRUE),
                        ttl.changes().map(o -> {
                            fullPending.set(true);
                            return Boolean.TRUE;
                        }))
                .onBackpressureLatest()
                .publishOn(builder, 1)
                .subscribe(ignored -> {
                    try {
                        boolean full = fullPending.getAndSet(false);
                        ZoneIndex next = rebuild.record(() -> full ? maintainer.full(store.current())
                                : maintainer.update(store.current()));
                        current.set(next);
                    } catch (RuntimeException e) {
                        fullPending.set(true);
                        log.error("DNS index rebuild failed; keeping version {}", current.get().version(), e);
                    }
                });
    }

    public ZoneIndex current() {
        return current.get();
    }

    @Override
    public void close() {
        subscription.dispose();
        builder.dispose();
    }
}
