package io.herald.health;

import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.scheduler.Scheduler;

/**
 * Writes instances' aggregate health into the store in batches: when many instances change together (a switch
 * fails, a node starts) one catalogue snapshot carries them all instead of one snapshot per instance. Each write
 * reads the instance's current aggregate, and writes are serialised, so the last write is always the latest state.
 */
final class HealthWriter {
    private final CatalogStore store;
    private final Scheduler scheduler;
    private final Map<InstanceKey, WatchedInstance> dirty = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Object lock = new Object();

    HealthWriter(CatalogStore store, Scheduler scheduler) {
        this.store = store;
        this.scheduler = scheduler;
    }

    /** Marks an instance for writing soon, on the scheduler. */
    void markDirty(WatchedInstance w) {
        dirty.put(w.key, w);
        if (flushScheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::flush);
        }
    }

    /** Writes every marked instance now, on the calling thread. */
    void flush() {
        // Cleared before draining: a mark that arrives after this line schedules another flush.
        flushScheduled.set(false);
        synchronized (lock) {
            Map<InstanceKey, Health> batch = new HashMap<>();
            List<WatchedInstance> written = new ArrayList<>();
            for (InstanceKey key : new ArrayList<>(dirty.keySet())) {
                WatchedInstance w = dirty.remove(key);
                if (w != null && w.active()) {
                    batch.put(key, w.aggregate());
                    written.add(w);
                }
            }
            if (!batch.isEmpty()) {
                store.updateHealth(batch);
                written.forEach(w -> w.published(batch.get(w.key)));
            }
        }
    }
}
