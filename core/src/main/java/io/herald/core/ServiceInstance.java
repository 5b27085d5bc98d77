package io.herald.core;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Collections;
import java.util.Collection;

/**
 * One registered instance of a service. Immutable; names are lower-cased and validated on construction so
 * every later stage (index, wire encoding, gossip) can trust them.
 *
 * @param node the Herald node that owns (registered and health-checks) this instance
 */
public record ServiceInstance(
        String service,
        String env,
        String id,
        InetAddress address,
        int port,
        SortedSet<String> tags,
        Map<String, String> meta,
        Health health,
        String node) {

    public ServiceInstance {
        service = Labels.label("service", service);
        env = Labels.label("env", env);
        id = Labels.label("id", id);
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new InvalidFieldException("port", "must be between 0 and 65535, got " + port);
        }
        TreeSet<String> t = new TreeSet<>();
        for (String tag : tags == null ? Collections.<String>emptySet() : tags) {
            t.add(Labels.label("tags", tag));
        }
        tags = Collections.unmodifiableSortedSet(t);
        meta = Collections.unmodifiableMap(new TreeMap<>(meta == null ? Map.of() : meta));
        health = health == null ? Health.PASSING : health;
        node = node == null ? "" : node;
    }

    public static ServiceInstance of(String service, String env, String id, InetAddress address, int port) {
        return new ServiceInstance(service, env, id, address, port, null, null, Health.PASSING, "");
    }

    public static ServiceInstance of(String service, String env, String id, InetAddress address, int port,
                                     Collection<String> tags) {
        return new ServiceInstance(service, env, id, address, port, new TreeSet<>(tags), null, Health.PASSING, "");
    }

    public InstanceKey key() {
        return new InstanceKey(env, service, id);
    }

    public ServiceInstance withHealth(Health h) {
        return h == health ? this : new ServiceInstance(service, env, id, address, port, tags, meta, h, node);
    }

    public ServiceInstance withNode(String n) {
        return Objects.equals(n, node) ? this : new ServiceInstance(service, env, id, address, port, tags, meta, health, n);
    }

    public boolean isIpv4() {
        return address.getAddress().length == 4;
    }
}
