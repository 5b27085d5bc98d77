package io.herald.dns.index;

import io.herald.core.Catalog;
import io.herald.core.InstanceKey;
import io.herald.core.ShardedMap;
import io.herald.core.ServiceInstance;
import io.herald.dns.resolve.Rr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps a {@link ZoneIndex} in step with the catalogue by redoing only the services whose instances changed: the
 * catalogue diff names the services, each service's names are rebuilt with {@link ZoneIndexBuilder}'s own code,
 * and the new snapshot shares every untouched record set (by identity) and every untouched shard of its maps
 * with the previous one. The result equals {@link ZoneIndexBuilder#build}'s, which stays the reference: it is
 * used as it is when two services would share a name (a naming schema that makes names ambiguous).
 *
 * <p>Environments coming or going change the zones, and a TTL policy change can change every record: both
 * start over with {@link #full}. Not thread-safe; {@link IndexPublisher} calls it from its one rebuild thread.
 */
public final class IndexMaintainer {
    private record GroupKey(String env, String service) implements Comparable<GroupKey> {
        @Override
        public int compareTo(GroupKey o) {
            int c = env.compareTo(o.env);
            return c != 0 ? c : service.compareTo(o.service);
        }
    }

    private record Member(String node, InstanceKey key) {}

    /** One service's names and reverse records, and the instances they were built from. */
    private record Share(List<ServiceInstance> instances, Map<String, NameNode> names,
                         Map<String, List<Rr.Ptr>> ptr) {
        static final Share EMPTY = new Share(List.of(), Map.of(), Map.of());
    }

    /** Names and reverse records live in maps of 1,024 shards: a change copies one shard of a few hundred names. */
    private static final int NAME_SHARD_BITS = 10;

    private final ZoneIndexBuilder builder;
    private ZoneIndex index = ZoneIndex.EMPTY;
    /** False until a full build succeeded, and after a fallback to the reference builder. */
    private boolean valid;
    private Catalog catalog;
    private final Map<GroupKey, Map<Member, ServiceInstance>> members = new HashMap<>();
    private final Map<String, Integer> envCounts = new HashMap<>();
    private final Map<GroupKey, Share> shares = new HashMap<>();
    private final Map<String, GroupKey> owners = new HashMap<>();
    private final Map<String, Integer> entRefs = new HashMap<>();
    private final Map<String, NameNode> ents = new HashMap<>();
    private final Map<String, TreeMap<GroupKey, List<Rr.Ptr>>> ptrShares = new HashMap<>();
    private final Map<String, NameNode> special = new HashMap<>();
    private Map<String, Integer> zoneNegative = Map.of();

    public IndexMaintainer(ZoneIndexBuilder builder) {
        this.builder = builder;
    }

    public ZoneIndex current() {
        return index;
    }

    /** Rebuilds everything from {@code c}, keeping unchanged record sets of the previous snapshot by identity. */
    public ZoneIndex full(Catalog c) {
        members.clear();
        envCounts.clear();
        shares.clear();
        owners.clear();
        entRefs.clear();
        ents.clear();
        ptrShares.clear();
        special.clear();
        valid = false;
        ZoneIndex previous = index;
        Set<GroupKey> all = new HashSet<>();
        for (Map.Entry<String, Map<InstanceKey, ServiceInstance>> node : c.byNode().entrySet()) {
            if (!c.unreachable().contains(node.getKey())) {
                for (ServiceInstance i : node.getValue().values()) {
                    all.add(addMember(node.getKey(), i));
                }
            }
        }
        Set<String> zones = builder.naming().zones(envCounts.keySet());
        Map<String, ZoneIndexBuilder.Acc> apexes = new HashMap<>();
        Map<String, Integer> negatives = new HashMap<>();
        Map<String, List<Rr.Ns>> ns = new LinkedHashMap<>();
        for (String zone : zones) {
            int negative = builder.ttl().negativeTtl(builder.envOfZone(zone));
            negatives.put(zone, negative);
            ZoneIndexBuilder.Acc apex = new ZoneIndexBuilder.Acc(zone, zone, negative);
            apex.apex = true;
            apexes.put(zone, apex);
            String host = "ns." + zone;
            ns.put(zone, List.of(new Rr.Ns(zone, negative, host)));
            ZoneIndexBuilder.Acc nsNode = apexes.computeIfAbsent(host, n -> new ZoneIndexBuilder.Acc(n, zone, negative));
            for (InetAddress a : builder.nsAddresses()) {
                nsNode.add(new Rr.A(host, negative, a));
            }
        }
        apexes.forEach((n, acc) -> {
            NameNode fresh = acc.freeze();
            NameNode old = previous.names().get(n);
            special.put(n, fresh.equals(old) ? old : fresh);
        });
        zoneNegative = Map.copyOf(negatives);
        Set<String> zoneSet = zones.equals(previous.zones()) ? previous.zones() : Set.copyOf(zones);
        Map<String, List<Rr.Ns>> nsMap = Map.copyOf(ns);
        ZoneIndex base = new ZoneIndex(c.version(), ShardedMap.of(special, NAME_SHARD_BITS), zoneSet, Map.of(), nsMap,
                ShardedMap.empty(NAME_SHARD_BITS));
        index = base;
        catalog = c;
        ZoneIndex built = apply(c, all, previous);
        if (built == null) {
            return fallback(c, previous);
        }
        valid = true;
        return built;
    }

    /** Applies the difference between the last catalogue and {@code c}. */
    public ZoneIndex update(Catalog c) {
        if (!valid || catalog == null) {
            return full(c);
        }
        Catalog prev = catalog;
        Set<String> envsBefore = new HashSet<>(envCounts.keySet());
        Set<GroupKey> changed = new HashSet<>();
        Set<String> nodes = new HashSet<>(prev.byNode().keySet());
        nodes.addAll(c.byNode().keySet());
        nodes.addAll(prev.unreachable());
        nodes.addAll(c.unreachable());
        for (String node : nodes) {
            // Between two store snapshots only the shards that changed are compared.
            ShardedMap.diff(visible(prev, node), visible(c, node), (before, after) -> {
                if (before != null) {
                    changed.add(removeMember(node, before));
                }
                if (after != null) {
                    changed.add(addMember(node, after));
                }
            });
        }
        catalog = c;
        if (!envCounts.keySet().equals(envsBefore)) {
            return full(c); // the zones may change
        }
        ZoneIndex built = apply(c, changed, index);
        return built != null ? built : fallback(c, index);
    }

    private static Map<InstanceKey, ServiceInstance> visible(Catalog c, String node) {
        return c.unreachable().contains(node) ? Map.of() : c.ofNode(node);
    }

    private GroupKey addMember(String node, ServiceInstance i) {
        GroupKey g = new GroupKey(i.env(), i.service());
        members.computeIfAbsent(g, k -> new HashMap<>()).put(new Member(node, i.key()), i);
        envCounts.merge(i.env(), 1, Integer::sum);
        return g;
    }

    private GroupKey removeMember(String node, ServiceInstance i) {
        GroupKey g = new GroupKey(i.env(), i.service());
        Map<Member, ServiceInstance> m = members.get(g);
        if (m != null && m.remove(new Member(node, i.key())) != null) {
            if (m.isEmpty()) {
                members.remove(g);
            }
            if (envCounts.merge(i.env(), -1, Integer::sum) == 0) {
                envCounts.remove(i.env());
            }
        }
        return g;
    }

    private ZoneIndex fallback(Catalog c, ZoneIndex previous) {
        valid = false;
        index = builder.build(c, previous);
        return index;
    }

    /** Rebuilds the given services' shares and publishes the names they touch; null when names collide. */
    private ZoneIndex apply(Catalog c, Set<GroupKey> changed, ZoneIndex previous) {
        Set<String> touched = new HashSet<>();
        Set<String> ptrTouched = new HashSet<>();
        for (GroupKey g : new TreeSet<>(changed)) {
            Share old = shares.getOrDefault(g, Share.EMPTY);
            Map<Member, ServiceInstance> m = members.get(g);
            Share next = m == null ? Share.EMPTY : share(g, m, old, previous);
            if (next == old) {
                continue;
            }
            for (Map.Entry<String, NameNode> e : old.names().entrySet()) {
                if (!next.names().containsKey(e.getKey())) {
                    owners.remove(e.getKey());
                    refs(e.getValue(), -1, touched);
                    touched.add(e.getKey());
                }
            }
            for (Map.Entry<String, NameNode> e : next.names().entrySet()) {
                String name = e.getKey();
                GroupKey owner = owners.get(name);
                if ((owner != null && !owner.equals(g)) || special.containsKey(name)) {
                    return null; // two services, or a service and a zone apex, want one name
                }
                if (owner == null) {
                    owners.put(name, g);
                    refs(e.getValue(), 1, touched);
                }
                if (old.names().get(name) != e.getValue()) {
                    touched.add(name);
                }
            }
            Set<String> reverse = new HashSet<>(old.ptr().keySet());
            reverse.addAll(next.ptr().keySet());
            for (String r : reverse) {
                List<Rr.Ptr> p = next.ptr().get(r);
                if (p == null) {
                    TreeMap<GroupKey, List<Rr.Ptr>> byGroup = ptrShares.get(r);
                    byGroup.remove(g);
                    if (byGroup.isEmpty()) {
                        ptrShares.remove(r);
                    }
                } else {
                    ptrShares.computeIfAbsent(r, k -> new TreeMap<>()).put(g, p);
                }
                ptrTouched.add(r);
            }
            if (next.names().isEmpty()) {
                shares.remove(g);
            } else {
                shares.put(g, next);
            }
        }
        Map<String, NameNode> nameChanges = new HashMap<>();
        for (String name : touched) {
            GroupKey owner = owners.get(name);
            NameNode value = owner != null ? shares.get(owner).names().get(name)
                    : special.containsKey(name) ? special.get(name) : ents.get(name);
            if (value != index.names().get(name)) {
                nameChanges.put(name, value);
            }
        }
        Map<String, List<Rr.Ptr>> ptrChanges = new HashMap<>();
        for (String r : ptrTouched) {
            TreeMap<GroupKey, List<Rr.Ptr>> byGroup = ptrShares.get(r);
            List<Rr.Ptr> value = null;
            if (byGroup != null) {
                List<Rr.Ptr> all = new ArrayList<>();
                byGroup.values().forEach(all::addAll);
                value = List.copyOf(all);
                if (value.equals(previous.ptr().get(r))) {
                    value = previous.ptr().get(r);
                }
            }
            if (value != index.ptr().get(r)) {
                ptrChanges.put(r, value);
            }
        }
        long serial = (builder.serialBase() + c.version()) & 0xffffffffL;
        Map<String, Rr.Soa> soa = new HashMap<>();
        zoneNegative.forEach((zone, negative) -> soa.put(zone, ZoneIndexBuilder.soa(zone, negative, serial)));
        index = new ZoneIndex(c.version(), ((ShardedMap<String, NameNode>) index.names()).withAll(nameChanges), index.zones(),
                Map.copyOf(soa), index.ns(), ((ShardedMap<String, List<Rr.Ptr>>) index.ptr()).withAll(ptrChanges));
        return index;
    }

    /** A service's names and reverse records from its current instances; {@code old} when nothing changed. */
    private Share share(GroupKey g, Map<Member, ServiceInstance> m, Share old, ZoneIndex previous) {
        List<ServiceInstance> instances = new ArrayList<>(m.values());
        instances.sort(ZoneIndexBuilder.INSTANCE_ORDER);
        if (instances.equals(old.instances())) {
            return old;
        }
        Map<String, ZoneIndexBuilder.Acc> accs = new HashMap<>();
        Map<String, List<Rr.Ptr>> ptr = new HashMap<>();
        builder.addService(accs, ptr, g.env(), g.service(), instances);
        Map<String, NameNode> names = new HashMap<>();
        accs.forEach((n, acc) -> {
            NameNode fresh = acc.freeze();
            NameNode kept = old.names().get(n);
            if (kept == null) {
                kept = previous.names().get(n);
            }
            names.put(n, fresh.equals(kept) ? kept : fresh);
        });
        Map<String, List<Rr.Ptr>> ptrFrozen = new HashMap<>();
        ptr.forEach((r, list) -> ptrFrozen.put(r, List.copyOf(list)));
        return new Share(List.copyOf(instances), names, ptrFrozen);
    }

    /**
     * Counts {@code node} in (or out of) each ancestor below its zone apex; an ancestor that no service owns
     * exists as an empty non-terminal while its count is positive (RFC 8020).
     */
    private void refs(NameNode node, int delta, Set<String> touched) {
        String n = node.name();
        while (!n.equals(node.zone())) {
            int dot = n.indexOf('.');
            if (dot < 0) {
                return;
            }
            n = n.substring(dot + 1);
            if (n.equals(node.zone())) {
                return;
            }
            int count = entRefs.getOrDefault(n, 0) + delta;
            if (count <= 0) {
                entRefs.remove(n);
                ents.remove(n);
                touched.add(n);
            } else {
                entRefs.put(n, count);
                if (count == 1 && delta > 0) {
                    String ent = n;
                    NameNode kept = index.names().get(ent);
                    NameNode fresh = new ZoneIndexBuilder.Acc(ent, node.zone(), node.negativeTtl()).freeze();
                    ents.put(ent, fresh.equals(kept) ? kept : fresh);
                    touched.add(ent);
                }
            }
        }
    }
}
