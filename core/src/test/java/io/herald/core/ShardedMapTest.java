package io.herald.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShardedMapTest {
    private static final int BITS = Catalog.NODE_SHARD_BITS;
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    private static ServiceInstance inst(int i, int port) {
        return ServiceInstance.of("svc-" + (i % 37), "prod", "i-" + i, LO, port);
    }

    /** 2,000 random puts and removes applied to a HashMap and to ShardedMap versions: same contents throughout. */
    @Test
    void behavesLikeAMapAndOldVersionsNeverChange() {
        Random r = new Random(42);
        Map<InstanceKey, ServiceInstance> reference = new HashMap<>();
        ShardedMap<InstanceKey, ServiceInstance> m = ShardedMap.<InstanceKey, ServiceInstance>empty(BITS);
        List<ShardedMap<InstanceKey, ServiceInstance>> versions = new ArrayList<>();
        List<Map<InstanceKey, ServiceInstance>> copies = new ArrayList<>();
        for (int step = 0; step < 2000; step++) {
            ServiceInstance i = inst(r.nextInt(300), 80 + r.nextInt(3));
            if (r.nextInt(4) == 0) {
                reference.remove(i.key());
                m = m.with(i.key(), null);
            } else {
                reference.put(i.key(), i);
                m = m.with(i.key(), i);
            }
            assertThat(m).hasSize(reference.size());
            if (step % 100 == 0) {
                versions.add(m);
                copies.add(new HashMap<>(reference));
            }
        }
        assertThat(m).isEqualTo(reference);
        assertThat(m.entrySet()).hasSize(reference.size());
        for (int v = 0; v < versions.size(); v++) {
            assertThat(versions.get(v)).as("version %d", v).isEqualTo(copies.get(v));
        }
    }

    @Test
    void unchangedWritesReturnTheSameVersion() {
        ServiceInstance a = inst(1, 80);
        ShardedMap<InstanceKey, ServiceInstance> m = ShardedMap.<InstanceKey, ServiceInstance>empty(BITS).with(a.key(), a);
        assertThat(m.with(a.key(), inst(1, 80))).isSameAs(m);
        assertThat(m.with(inst(2, 80).key(), null)).isSameAs(m);
        assertThat(m.with(a.key(), null)).isSameAs(ShardedMap.<InstanceKey, ServiceInstance>empty(BITS));
    }

    @Test
    void diffReportsExactlyTheChangesAndSkipsSharedShards() {
        Map<InstanceKey, ServiceInstance> all = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            all.put(inst(i, 80).key(), inst(i, 80));
        }
        ShardedMap<InstanceKey, ServiceInstance> before = ShardedMap.of(all, BITS);
        ServiceInstance changed = inst(7, 81);
        ServiceInstance added = inst(9000, 80);
        ShardedMap<InstanceKey, ServiceInstance> after = before.withAll(Map.of(changed.key(), changed, added.key(), added))
                .with(inst(8, 80).key(), null);

        List<String> seen = new ArrayList<>();
        ShardedMap.diff(before, after, (b, a) -> seen.add((b == null ? "-" : b.id() + ":" + b.port()) + ">"
                + (a == null ? "-" : a.id() + ":" + a.port())));
        assertThat(seen).containsExactlyInAnyOrder("i-7:80>i-7:81", "-" + ">i-9000:80", "i-8:80>-");

        List<String> plain = new ArrayList<>();
        ShardedMap.diff(new HashMap<>(before), new HashMap<>(after), (b, a) -> plain.add(b + ">" + a));
        assertThat(plain).hasSize(3);
    }

    /**
     * Each shard is a HashMap that buckets by the low bits of {@code h ^ h >>> 16}; the shard must come from other
     * bits, or all keys of a shard share one bucket (a treeified bin searched on every lookup).
     */
    @Test
    void keysOfOneShardSpreadOverTheShardsOwnBuckets() {
        Map<Integer, java.util.Set<Integer>> bucketsPerShard = new HashMap<>();
        Map<Integer, Integer> keysPerShard = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            InstanceKey k = inst(i, 80).key();
            int h = k.hashCode();
            int bucket = (h ^ (h >>> 16)) & 63; // a shard of ~80 keys has a 128- or 256-slot table; 64 is stricter
            bucketsPerShard.computeIfAbsent(ShardedMap.shard(k, BITS), x -> new java.util.HashSet<>()).add(bucket);
            keysPerShard.merge(ShardedMap.shard(k, BITS), 1, Integer::sum);
        }
        assertThat(keysPerShard).hasSize(1 << BITS);
        assertThat(keysPerShard.values()).allSatisfy(n -> assertThat(n).isBetween(20_000 / 256 / 2, 20_000 / 256 * 2));
        assertThat(bucketsPerShard.values()).allSatisfy(b -> assertThat(b.size()).isGreaterThan(32));
    }

    /** The DNS index's names, in 1,024 shards: the same spread within each shard's own buckets. */
    @Test
    void namesOfOneShardSpreadOverTheShardsOwnBuckets() {
        Map<Integer, java.util.Set<Integer>> buckets = new HashMap<>();
        for (int s = 0; s < 1000; s++) {
            for (int i = 0; i < 30; i++) {
                String name = "i-" + i + ".svc-" + s + ".prod.service";
                int h = name.hashCode();
                buckets.computeIfAbsent(ShardedMap.shard(name, 10), x -> new java.util.HashSet<>())
                        .add((h ^ (h >>> 16)) & 31);
            }
        }
        assertThat(buckets).hasSize(1 << 10);
        assertThat(buckets.values()).allSatisfy(b -> assertThat(b.size()).as("buckets used").isGreaterThan(8));
    }

    @Test
    void versionsShareUntouchedShardsAndKeepTheirOwnContents() {
        Map<String, Integer> all = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            all.put("n" + i, i);
        }
        ShardedMap<String, Integer> v1 = ShardedMap.of(all, 10);
        Map<String, Integer> changes = new HashMap<>();
        changes.put("n7", 70);
        changes.put("n8", null);
        changes.put("new", 1);
        ShardedMap<String, Integer> v2 = v1.withAll(changes);
        assertThat(v1).isEqualTo(all);
        Map<String, Integer> expected = new HashMap<>(all);
        expected.put("n7", 70);
        expected.remove("n8");
        expected.put("new", 1);
        assertThat(v2).isEqualTo(expected).hasSize(5000);
    }
}
