package io.herald.app;

import io.herald.config.Section;
import io.herald.core.Health;
import io.herald.core.InvalidFieldException;
import io.herald.core.ServiceInstance;
import io.herald.health.CheckSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reads the {@code services} list of the config file: the instances this node registers at start. */
final class ServiceSpecs {
    private ServiceSpecs() {}

    /** One configured instance and its health checks. */
    record Spec(ServiceInstance instance, List<CheckSpec> checks) {}

    static List<Spec> from(Section root) {
        List<Spec> out = new ArrayList<>();
        for (Section s : root.list("services", "instances registered at start (YAML only), see README")) {
            String service = s.requiredString("service", "service name, one DNS label");
            String env = s.requiredString("env", "environment, one DNS label");
            String id = s.string("id", service + "-" + (out.size() + 1), "instance id, unique within the service");
            InetAddress address = s.address("address", null, "instance IP address");
            if (address == null) {
                throw s.error("address", "is required: the instance's IPv4 or IPv6 address");
            }
            int port = s.integer("port", 0, 0, 65535, "instance port, published in SRV records");
            List<String> tags = s.strings("tags", List.of(), "tags, each one DNS label");
            Map<String, String> meta = new LinkedHashMap<>();
            Section m = s.section("meta");
            for (String key : m.keys()) {
                meta.put(key, m.string(key, "", "metadata value"));
            }
            List<CheckSpec> checks = new ArrayList<>();
            for (Section c : s.list("checks", "health checks of this instance, see health-checker/README.md")) {
                checks.add(CheckSpec.from(c));
            }
            try {
                out.add(new Spec(new ServiceInstance(service, env, id, address, port, new TreeSet<>(tags), meta,
                        Health.PASSING, ""), List.copyOf(checks)));
            } catch (InvalidFieldException e) {
                throw s.error(e.field(), e.getMessage().substring(e.field().length() + 2));
            }
        }
        return out;
    }
}
