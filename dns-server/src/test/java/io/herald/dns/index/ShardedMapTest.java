package io.herald.dns.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardedMapTest {
    /**
     * Each shard is a HashMap that buckets by the low bits of {@code h ^ h >>> 16}; the shard must come from other
     * bits, or all names of a shard share one bucket (a treeified bin searched on every query).
     */
    @Test
    void namesOfOneShardSpreadOverTheShardsOwnBuckets() {
        Map<Integer, Set<Integer>> buckets = new HashMap<>();
        for (int s = 0; s < 1000; s++) {
            for (int i = 0; i < 30; i++) {
                String name = "i-" + i + ".svc-" + s + ".prod.service";
                int h = name.hashCode();
                buckets.computeIfAbsent(ShardedMap.shard(name), x -> new HashSet<>()).add((h ^ (h >>> 16)) & 31);
            }
        }
        assertThat(buckets).hasSize(ShardedMap.SHARDS);
        assertThat(buckets.values()).allSatisfy(b -> assertThat(b.size()).as("buckets used").isGreaterThan(8));
    }

    @Test
    void versionsShareUntouchedShardsAndKeepTheirOwnContents() {
        Map<String, Integer> all = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            all.put("n" + i, i);
        }
        ShardedMap<Integer> v1 = ShardedMap.of(all);
        Map<String, Integer> changes = new HashMap<>();
        changes.put("n7", 70);
        changes.put("n8", null);
        changes.put("new", 1);
        ShardedMap<Integer> v2 = v1.with(changes);
        assertThat(v1).isEqualTo(all);
        Map<String, Integer> expected = new HashMap<>(all);
        expected.put("n7", 70);
        expected.remove("n8");
        expected.put("new", 1);
        assertThat(v2).isEqualTo(expected).hasSize(5000);
    }
}
