package io.herald.dns.index;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * An immutable map from name to value, split by hash into shards so that a new version with a few changed names
 * copies only the shards holding them and shares the rest with the previous version. That keeps the snapshot
 * update after one catalogue change proportional to the change, not to the number of names.
 */
final class ShardedMap<V> extends AbstractMap<String, V> {
    private static final int SHARD_BITS = 10;
    static final int SHARDS = 1 << SHARD_BITS;

    private final Map<String, V>[] shards;
    private final int size;

    private ShardedMap(Map<String, V>[] shards, int size) {
        this.shards = shards;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <V> ShardedMap<V> of(Map<String, V> all) {
        Map<String, V>[] shards = new Map[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new HashMap<>();
        }
        all.forEach((k, v) -> shards[shard(k)].put(k, v));
        return new ShardedMap<>(shards, all.size());
    }

    /** A new version with {@code changes} applied (a null value removes the name); this one is left as it is. */
    ShardedMap<V> with(Map<String, V> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<String, V>[] next = shards.clone();
        boolean[] copied = new boolean[SHARDS];
        int n = size;
        for (Map.Entry<String, V> e : changes.entrySet()) {
            int s = shard(e.getKey());
            if (!copied[s]) {
                next[s] = new HashMap<>(next[s]);
                copied[s] = true;
            }
            V old = e.getValue() == null ? next[s].remove(e.getKey()) : next[s].put(e.getKey(), e.getValue());
            if (old == null && e.getValue() != null) {
                n++;
            } else if (old != null && e.getValue() == null) {
                n--;
            }
        }
        return new ShardedMap<>(next, n);
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
    public V get(Object key) {
        return key == null ? null : shards[shard(key)].get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && shards[shard(key)].containsKey(key);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int shard;
                    private Iterator<Entry<String, V>> it = Collections.emptyIterator();

                    @Override
                    public boolean hasNext() {
                        while (!it.hasNext() && shard < SHARDS) {
                            it = Collections.unmodifiableMap(shards[shard++]).entrySet().iterator();
                        }
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, V> next() {
                        if (!hasNext()) {
                            throw new java.util.NoSuchElementException();
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
