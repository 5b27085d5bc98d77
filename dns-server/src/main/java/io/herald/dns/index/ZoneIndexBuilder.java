package io.herald.dns.index;

import io.herald.config.naming.NameSuffix;
import io.herald.config.naming.NamingConfig;
import io.herald.core.Catalog;
import io.herald.core.Health;
import io.herald.core.ServiceInstance;
import io.herald.dns.resolve.Rr;
import io.herald.ttl.TtlPolicy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Builds a {@link ZoneIndex} from a catalogue snapshot: a pure function of (catalogue, naming, TTL policy), run
 * off the query path. Only healthy instances are served: passing ones, or warning ones when no instance of the
 * service passes; critical never.
 */
public final class ZoneIndexBuilder {
    /** SRV owner names are published for both protocols; Herald does not know which one a port speaks. */
    private static final List<String> SRV_PROTOS = List.of("tcp", "udp");
    private static final int SOA_REFRESH = 3600;
    private static final int SOA_RETRY = 600;
    private static final int SOA_EXPIRE = 86400;
    /** The order of a service's instances in every record list. */
    static final Comparator<ServiceInstance> INSTANCE_ORDER =
            Comparator.comparing(ServiceInstance::id).thenComparing(ServiceInstance::node);

    private final NamingConfig naming;
    private final TtlPolicy ttl;
    private final List<InetAddress> nsAddresses;
    private final long serialBase;

    /**
     * @param nsAddresses addresses published for the zones' name server {@code ns.<zone>}
     * @param serialBase  added to the catalogue version for the SOA serial, so serials grow across restarts
     */
    public ZoneIndexBuilder(NamingConfig naming, TtlPolicy ttl, List<InetAddress> nsAddresses, long serialBase) {
        this.naming = naming;
        this.ttl = ttl;
        this.nsAddresses = List.copyOf(nsAddresses);
        this.serialBase = serialBase;
    }

    public ZoneIndex build(Catalog catalog) {
        return build(catalog, ZoneIndex.EMPTY);
    }

    /**
     * Builds the snapshot of {@code catalog}, keeping {@code previous}'s record-set objects (and zone set) where
     * they are unchanged, so answers encoded for them stay valid by identity.
     */
    public ZoneIndex build(Catalog catalog, ZoneIndex previous) {
        Map<String, Map<String, List<ServiceInstance>>> byEnv = group(catalog.visible());
        Set<String> zones = naming.zones(byEnv.keySet());
        Map<String, Acc> names = new HashMap<>();
        Map<String, List<Rr.Ptr>> ptr = new HashMap<>();

        byEnv.forEach((env, services) -> services.forEach((service, instances) ->
                addService(names, ptr, env, service, instances)));

        Map<String, Rr.Soa> soa = new LinkedHashMap<>();
        Map<String, List<Rr.Ns>> ns = new LinkedHashMap<>();
        long serial = (serialBase + catalog.version()) & 0xffffffffL;
        for (String zone : zones) {
            int negative = ttl.negativeTtl(envOfZone(zone));
            Acc apex = names.computeIfAbsent(zone, n -> new Acc(n, zone, negative));
            apex.apex = true;
            apex.negativeTtl = negative;
            String host = "ns." + zone;
            soa.put(zone, new Rr.Soa(zone, negative, host, "hostmaster." + zone, serial, SOA_REFRESH, SOA_RETRY,
                    SOA_EXPIRE, negative));
            ns.put(zone, List.of(new Rr.Ns(zone, negative, host)));
            Acc nsNode = names.computeIfAbsent(host, n -> new Acc(n, zone, negative));
            for (InetAddress a : nsAddresses) {
                nsNode.add(new Rr.A(host, negative, a));
            }
        }
        addEmptyNonTerminals(names, zones);

        Map<String, NameNode> frozen = new HashMap<>(names.size() * 2);
        names.forEach((n, acc) -> {
            NameNode fresh = acc.freeze();
            NameNode old = previous.names().get(n);
            frozen.put(n, fresh.equals(old) ? old : fresh);
        });
        Map<String, List<Rr.Ptr>> ptrFrozen = new HashMap<>();
        ptr.forEach((n, list) -> ptrFrozen.put(n, List.copyOf(list)));
        Set<String> zoneSet = zones.equals(previous.zones()) ? previous.zones() : Set.copyOf(zones);
        return new ZoneIndex(catalog.version(), Map.copyOf(frozen), zoneSet, Map.copyOf(soa),
                Map.copyOf(ns), Map.copyOf(ptrFrozen));
    }

    static Map<String, Map<String, List<ServiceInstance>>> group(List<ServiceInstance> visible) {
        Map<String, Map<String, List<ServiceInstance>>> byEnv = new TreeMap<>();
        for (ServiceInstance i : visible) {
            byEnv.computeIfAbsent(i.env(), e -> new TreeMap<>()).computeIfAbsent(i.service(), s -> new ArrayList<>()).add(i);
        }
        byEnv.values().forEach(m -> m.values().forEach(l -> l.sort(INSTANCE_ORDER)));
        return byEnv;
    }

    /** Passing instances, or warning ones when none passes; never critical ones. */
    static List<ServiceInstance> served(List<ServiceInstance> instances) {
        List<ServiceInstance> passing = filter(instances, i -> i.health() == Health.PASSING);
        return passing.isEmpty() ? filter(instances, i -> i.health() == Health.WARNING) : passing;
    }

    private static List<ServiceInstance> filter(List<ServiceInstance> in, Predicate<ServiceInstance> p) {
        List<ServiceInstance> out = new ArrayList<>();
        for (ServiceInstance i : in) {
            if (p.test(i)) {
                out.add(i);
            }
        }
        return out;
    }

    void addService(Map<String, Acc> names, Map<String, List<Rr.Ptr>> ptr, String env, String service,
                            List<ServiceInstance> instances) {
        List<ServiceInstance> served = served(instances);
        int answerTtl = ttl.answerTtl(env, service);
        int negative = ttl.negativeTtl(env);
        int noHealthyTtl = ttl.noHealthyTtl(env, service);
        Set<String> tags = new LinkedHashSet<>();
        instances.forEach(i -> tags.addAll(i.tags()));
        List<NameSuffix> suffixes = naming.suffixes(env);
        for (NameSuffix suffix : suffixes) {
            String name = suffix.nameOf(service);
            addSet(names, suffix.zone(), name, served, name, answerTtl, negative, noHealthyTtl);
            for (String proto : SRV_PROTOS) {
                addSet(names, suffix.zone(), suffix.srvNameOf(service, proto), served, name, answerTtl, negative,
                        noHealthyTtl);
            }
            for (String tag : tags) {
                List<ServiceInstance> tagged = filter(served, i -> i.tags().contains(tag));
                addSet(names, suffix.zone(), tag + "." + name, tagged, name, answerTtl, negative, noHealthyTtl);
            }
        }
        String primary = suffixes.get(0).nameOf(service);
        for (ServiceInstance i : served) {
            for (NameSuffix suffix : suffixes) {
                String target = i.id() + "." + suffix.nameOf(service);
                Acc node = names.computeIfAbsent(target, n -> new Acc(n, suffix.zone(), negative));
                node.add(new Rr.A(target, answerTtl, i.address()));
            }
            String reverse = reverseName(i.address());
            ptr.computeIfAbsent(reverse, r -> new ArrayList<>()).add(new Rr.Ptr(reverse, answerTtl, i.id() + "." + primary));
        }
    }

    /** One answerable set of instances under {@code owner}: its addresses, and SRV records with glue. */
    private static void addSet(Map<String, Acc> names, String zone, String owner, List<ServiceInstance> instances,
                               String targetBase, int answerTtl, int negative, int noHealthyTtl) {
        Acc node = names.computeIfAbsent(owner, n -> new Acc(n, zone, negative));
        if (instances.isEmpty()) {
            node.noHealthy = true;
            node.noHealthyTtl = noHealthyTtl;
            return;
        }
        Set<InetAddress> seen = new LinkedHashSet<>();
        for (ServiceInstance i : instances) {
            if (seen.add(i.address())) {
                node.add(new Rr.A(owner, answerTtl, i.address()));
            }
            String target = i.id() + "." + targetBase;
            node.srv.add(new Rr.Srv(owner, answerTtl, priority(i), weight(i), i.port(), target));
            node.glue.add(new Rr.A(target, answerTtl, i.address()));
        }
    }

    private static int priority(ServiceInstance i) {
        return metaInt(i, "priority", 1);
    }

    private static int weight(ServiceInstance i) {
        return metaInt(i, "weight", 1);
    }

    private static int metaInt(ServiceInstance i, String key, int def) {
        String v = i.meta().get(key);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n >= 0 && n <= 65535 ? n : def;
        } catch (NumberFormatException e) {
            return def;
        }
    }

    /** Adds every missing ancestor of every name, up to its zone apex, as an empty non-terminal (RFC 8020). */
    private static void addEmptyNonTerminals(Map<String, Acc> names, Set<String> zones) {
        for (Acc acc : new ArrayList<>(names.values())) {
            String n = acc.name;
            while (!n.equals(acc.zone)) {
                n = n.substring(n.indexOf('.') + 1);
                Acc parent = names.get(n);
                if (parent == null) {
                    names.put(n, new Acc(n, acc.zone, acc.negativeTtl));
                } else {
                    break;
                }
            }
        }
    }

    /** The environment whose negative TTL a zone uses: a zone of its own ("prod-service"), or "" for shared ones. */
    String envOfZone(String zone) {
        for (String env : naming.configuredEnvironments()) {
            for (NameSuffix s : naming.suffixes(env)) {
                if (s.zone().equals(zone) && !zone.equals(naming.domain())) {
                    return env;
                }
            }
        }
        return "";
    }

    NamingConfig naming() {
        return naming;
    }

    TtlPolicy ttl() {
        return ttl;
    }

    List<InetAddress> nsAddresses() {
        return nsAddresses;
    }

    long serialBase() {
        return serialBase;
    }

    static Rr.Soa soa(String zone, int negative, long serial) {
        return new Rr.Soa(zone, negative, "ns." + zone, "hostmaster." + zone, serial, SOA_REFRESH, SOA_RETRY,
                SOA_EXPIRE, negative);
    }

    public static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (b.length == 4) {
            for (int i = 3; i >= 0; i--) {
                sb.append(b[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = 15; i >= 0; i--) {
            sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.');
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }

    /** Mutable accumulator for one name while a snapshot is being built. */
    static final class Acc {
        final String name;
        final String zone;
        final List<Rr.A> v4 = new ArrayList<>();
        final List<Rr.A> v6 = new ArrayList<>();
        final List<Rr.Srv> srv = new ArrayList<>();
        final List<Rr.A> glue = new ArrayList<>();
        boolean apex;
        int negativeTtl;
        boolean noHealthy;
        int noHealthyTtl;

        Acc(String name, String zone, int negativeTtl) {
            this.name = name;
            this.zone = zone;
            this.negativeTtl = negativeTtl;
        }

        void add(Rr.A a) {
            (a.address().getAddress().length == 4 ? v4 : v6).add(a);
        }

        NameNode freeze() {
            boolean empty = v4.isEmpty() && v6.isEmpty() && srv.isEmpty();
            return new NameNode(name, zone, List.copyOf(v4), List.copyOf(v6), List.copyOf(srv), List.copyOf(glue),
                    apex, negativeTtl, noHealthy && empty, noHealthyTtl);
        }
    }
}
