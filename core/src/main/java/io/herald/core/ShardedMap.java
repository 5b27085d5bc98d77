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
 * An immutable map split by key hash into {@code 2^shardBits} shards: a new version with a few entries changed
 * copies only their shards and shares every other shard with the old version. A write therefore costs the size of
 * a shard, not of the map (copying 10,000 scattered entries per change cost milliseconds, mostly cache misses), and
 * {@link #diff} between two versions skips shared shards. Used for each node's instances in the catalogue and for
 * the DNS index's names.
 *
 * <p>Iteration goes shard by shard; replacing a value keeps its position, so two versions that differ only by
 * replaced values iterate in step. Null keys and values are not stored.
 */
public final class ShardedMap<K, V> extends AbstractMap<K, V> {
    private static final int MAX_BITS = 16;
    private static final ShardedMap<?, ?>[] EMPTY = new ShardedMap<?, ?>[MAX_BITS + 1];

    private final int bits;
    /** Null for an empty shard: a node with three instances holds three small maps, not 256. */
    private final HashMap<K, V>[] shards;
    private final int size;

    private ShardedMap(int bits, HashMap<K, V>[] shards, int size) {
        this.bits = bits;
        this.shards = shards;
        this.size = size;
    }

    /** The empty map with {@code 2^shardBits} shards (one instance per shard count). */
    @SuppressWarnings("unchecked")
    public static synchronized <K, V> ShardedMap<K, V> empty(int shardBits) {
        if (shardBits < 0 || shardBits > MAX_BITS) {
            throw new IllegalArgumentException("shardBits must be from 0 to " + MAX_BITS + ", got " + shardBits);
        }
        if (EMPTY[shardBits] == null) {
            EMPTY[shardBits] = new ShardedMap<>(shardBits, new HashMap[1 << shardBits], 0);
        }
        return (ShardedMap<K, V>) EMPTY[shardBits];
    }

    /** {@code entries} itself when it is a sharded map of this shard count, otherwise a sharded copy. */
    public static <K, V> ShardedMap<K, V> of(Map<K, V> entries, int shardBits) {
        if (entries instanceof ShardedMap<K, V> m && m.bits == shardBits) {
            return m;
        }
        return ShardedMap.<K, V>empty(shardBits).withAll(entries);
    }

    /** A new version with {@code key} set to {@code value} ({@code null} removes it); this one is left as it is. */
    public ShardedMap<K, V> with(K key, V value) {
        return withAll(Collections.singletonMap(key, value));
    }

    /**
     * A new version with every change applied ({@code null} values remove). A value equal to the stored one keeps
     * the stored one (readers compare by identity); returns this when nothing changes.
     */
    public ShardedMap<K, V> withAll(Map<K, V> changes) {
        HashMap<K, V>[] next = null;
        boolean[] copied = null;
        int n = size;
        for (Map.Entry<K, V> e : changes.entrySet()) {
            K key = Objects.requireNonNull(e.getKey(), "key");
            V value = e.getValue();
            int s = shard(key);
            HashMap<K, V> current = (next != null ? next : shards)[s];
            V old = current == null ? null : current.get(key);
            if (old == value || (value != null && value.equals(old))) {
                continue;
            }
            if (next == null) {
                next = shards.clone();
                copied = new boolean[shards.length];
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
        for (int s = 0; s < next.length; s++) {
            if (copied[s] && next[s].isEmpty()) {
                next[s] = null;
            }
        }
        return n == 0 ? empty(bits) : new ShardedMap<>(bits, next, n);
    }

    /**
     * Calls {@code onChange(before, after)} for every key whose value differs between {@code a} and {@code b}
     * ({@code before} null when added, {@code after} null when removed). Between two versions of one
     * {@code ShardedMap} only the shards that are not shared are visited.
     */
    public static <K, V> void diff(Map<K, V> a, Map<K, V> b, BiConsumer<V, V> onChange) {
        if (a == b) {
            return;
        }
        if (a instanceof ShardedMap<K, V> x && b instanceof ShardedMap<K, V> y && x.bits == y.bits) {
            for (int s = 0; s < x.shards.length; s++) {
                if (x.shards[s] != y.shards[s]) {
                    diffMaps(x.shards[s] == null ? Map.of() : x.shards[s], y.shards[s] == null ? Map.of() : y.shards[s],
                            onChange);
                }
            }
            return;
        }
        diffMaps(a, b, onChange);
    }

    private static <K, V> void diffMaps(Map<K, V> a, Map<K, V> b, BiConsumer<V, V> onChange) {
        for (Map.Entry<K, V> e : a.entrySet()) {
            V after = b.get(e.getKey());
            if (after != e.getValue() && !e.getValue().equals(after)) {
                onChange.accept(e.getValue(), after);
            }
        }
        for (Map.Entry<K, V> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                onChange.accept(null, e.getValue());
            }
        }
    }

    private int shard(Object key) {
        return shard(key, bits);
    }

    /**
     * The shard from the TOP bits of a multiplicative hash. Each shard is a HashMap, which buckets by the LOW bits
     * of {@code h ^ h >>> 16}: taking the shard from those same bits would put every key of a shard into one
     * bucket (a treeified bin, a tree walk per lookup).
     */
    static int shard(Object key, int bits) {
        return bits == 0 ? 0 : (key.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - bits);
    }

    @Override
    public V get(Object key) {
        if (key == null) {
            return null;
        }
        HashMap<K, V> s = shards[shard(key)];
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
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private int shard;
                    private Iterator<Entry<K, V>> it = Collections.emptyIterator();

                    @Override
                    public boolean hasNext() {
                        while (!it.hasNext() && shard < shards.length) {
                            HashMap<K, V> s = shards[shard++];
                            if (s != null) {
                                it = Collections.unmodifiableMap(s).entrySet().iterator();
                            }
                        }
                        return it.hasNext();
                    }

                    @Override
                    public Entry<K, V> next() {
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
