package io.herald.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.ServiceInstance;
import io.netty.util.NetUtil;

/** The JSON form of an instance, as both registration input and every listing use it. */
final class InstanceJson {
    private InstanceJson() {}

    static ObjectNode render(ServiceInstance i) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("service", i.service());
        n.put("env", i.env());
        n.put("id", i.id());
        n.put("address", NetUtil.toAddressString(i.address()));
        n.put("port", i.port());
        ArrayNode tags = n.putArray("tags");
        i.tags().forEach(tags::add);
        ObjectNode meta = n.putObject("meta");
        i.meta().forEach(meta::put);
        n.put("health", i.health().wireName());
        n.put("node", i.node());
        return n;
    }

    static ArrayNode renderAll(Iterable<ServiceInstance> instances) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        instances.forEach(i -> out.add(render(i)));
        return out;
    }
}
