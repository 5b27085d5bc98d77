package io.herald.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One node's instances as an immutable map split by key hash into shards: a new version with one instance changed
 * copies only that instance's shard and shares every other shard with the old version. A write therefore costs the
 * size of one shard, not of the node (copying 10,000 scattered entries per registration cost milliseconds, mostly
 * cache misses), and {@link #diff} between two versions skips shared shards.
 *
 * <p>Iteration goes shard by shard; replacing an instance keeps its position, so two versions that differ only by
 * replaced values iterate in step.
 */
public final class InstanceMap extends AbstractMap<InstanceKey, ServiceInstance> {
    static final int SHARD_BITS = 8;
    static final int SHARDS = 1 << SHARD_BITS;
    public static final InstanceMap EMPTY = new InstanceMap(emptyShards(), 0);

    /** Null for an empty shard: a node with three instances holds three small maps, not 256. */
    private final HashMap<InstanceKey, ServiceInstance>[] shards;
    private final int size;

    private InstanceMap(HashMap<InstanceKey, ServiceInstance>[] shards, int size) {
        this.shards = shards;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    private static HashMap<InstanceKey, ServiceInstance>[] emptyShards() {
        return new HashMap[SHARDS];
    }

    /** A sharded copy of {@code instances}, keyed as given. */
    public static InstanceMap of(Map<InstanceKey, ServiceInstance> instances) {
        if (instances instanceof InstanceMap m) {
            return m;
        }
        return EMPTY.withAll(instances);
    }

    /** A new version with {@code key} set to {@code value} ({@code null} removes it); this one is left as it is. */
    public InstanceMap with(InstanceKey key, ServiceInstance value) {
        return withAll(Collections.singletonMap(key, value));
    }

    /** A new version with every change applied ({@code null} values remove); returns this when nothing changes. */
    @SuppressWarnings("unchecked")
    public InstanceMap withAll(Map<InstanceKey, ServiceInstance> changes) {
        HashMap<InstanceKey, ServiceInstance>[] next = null;
        boolean[] copied = null;
        int n = size;
        for (Map.Entry<InstanceKey, ServiceInstance> e : changes.entrySet()) {
            InstanceKey key = Objects.requireNonNull(e.getKey(), "key");
            ServiceInstance value = e.getValue();
            int s = shard(key);
            HashMap<InstanceKey, ServiceInstance> current = (next != null ? next : shards)[s];
            ServiceInstance old = current == null ? null : current.get(key);
            if (old == value || (value != null && value.equals(old))) {
                continue;
            }
            if (next == null) {
                next = shards.clone();
                copied = new boolean[SHARDS];
            }
            if (!copied[s]) {
                next[s] = current == null ? new HashMap<>(4) : new HashMap<>(current);
                copied[s] = true;
            }
            if (value == null) {
                next[s].remove(key);
                n--;
            } else if (next[s].put(key, value) == null) {
                n++;
            }
        }
        if (next == null) {
            return this;
        }
        for (int s = 0; s < SHARDS; s++) {
            if (copied[s] && next[s].isEmpty()) {
                next[s] = null;
            }
        }
        return n == 0 ? EMPTY : new InstanceMap(next, n);
    }

    /**
     * Calls {@code onChange(before, after)} for every instance that differs between {@code a} and {@code b}
     * ({@code before} null when added, {@code after} null when removed). Between two versions of one
     * {@code InstanceMap} only the shards that are not shared are visited.
     */
    public static void diff(Map<InstanceKey, ServiceInstance> a, Map<InstanceKey, ServiceInstance> b,
                            BiConsumer<ServiceInstance, ServiceInstance> onChange) {
        if (a == b) {
            return;
        }
        if (a instanceof InstanceMap x && b instanceof InstanceMap y) {
            for (int s = 0; s < SHARDS; s++) {
                if (x.shards[s] != y.shards[s]) {
                    diffMaps(x.shards[s] == null ? Map.of() : x.shards[s], y.shards[s] == null ? Map.of() : y.shards[s],
                            onChange);
                }
            }
            return;
        }
        diffMaps(a, b, onChange);
    }

    private static void diffMaps(Map<InstanceKey, ServiceInstance> a, Map<InstanceKey, ServiceInstance> b,
                                 BiConsumer<ServiceInstance, ServiceInstance> onChange) {
        for (Map.Entry<InstanceKey, ServiceInstance> e : a.entrySet()) {
            ServiceInstance after = b.get(e.getKey());
            if (after != e.getValue() && !e.getValue().equals(after)) {
                onChange.accept(e.getValue(), after);
            }
        }
        for (Map.Entry<InstanceKey, ServiceInstance> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                onChange.accept(null, e.getValue());
            }
        }
    }

    /**
     * The shard from the TOP bits of a multiplicative hash. Each shard is a HashMap, which buckets by the LOW bits
     * of {@code h ^ h >>> 16}: taking the shard from those same bits would put every key of a shard into one
     * bucket (a treeified bin, a tree walk per lookup).
     */
    static int shard(Object key) {
        return (key.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS);
    }

    @Override
    public ServiceInstance get(Object key) {
        if (key == null) {
            return null;
        }
        HashMap<InstanceKey, ServiceInstance> s = shards[shard(key)];
        return s == null ? null : s.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Set<Entry<InstanceKey, ServiceInstance>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<InstanceKey, ServiceInstance>> iterator() {
                return new Iterator<>() {
                    private int shard;
                    private Iterator<Entry<InstanceKey, ServiceInstance>> it = Collections.emptyIterator();

                    @Override
                    public boolean hasNext() {
                        while (!it.hasNext() && shard < SHARDS) {
                            HashMap<InstanceKey, ServiceInstance> s = shards[shard++];
                            if (s != null) {
                                it = Collections.unmodifiableMap(s).entrySet().iterator();
                            }
                        }
                        return it.hasNext();
                    }

                    @Override
                    public Entry<InstanceKey, ServiceInstance> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return it.next();
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
