package io.herald.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.Health;
import io.herald.core.InvalidFieldException;
import io.herald.core.Labels;
import io.herald.core.ServiceInstance;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parses and validates the body of {@code PUT /v1/instances}. Every problem is an {@link InvalidFieldException}
 * naming the field, found before anything touches the catalogue, so a rejected request changes nothing.
 */
final class Registration {
    static final List<String> FIELDS = List.of("service", "env", "id", "address", "port", "tags", "meta", "health",
            "checks");

    /** A parsed registration: the instance and its raw check definitions (validated by the check registry). */
    record Parsed(ServiceInstance instance, List<Map<String, Object>> checks) {}

    /** DNS-SD TXT strings are at most 255 bytes; meta is kept within that so it can be published as "key=value". */
    static final int MAX_META_ENTRY_BYTES = 255;

    private Registration() {}

    static Parsed parse(byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object like {\"service\":\"web\",\"env\":\"prod\","
                    + "\"id\":\"web-1\",\"address\":\"198.18.0.11\",\"port\":8080}, got " + kind(root));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidFieldException(name, "unknown field; allowed fields are " + String.join(", ", FIELDS));
            }
        }
        String service = Labels.label("service", requiredText(root, "service"));
        String env = Labels.label("env", requiredText(root, "env"));
        String id = Labels.label("id", requiredText(root, "id"));
        InetAddress address = address(requiredText(root, "address"));
        int port = port(root.get("port"));
        TreeSet<String> tags = tags(root.get("tags"));
        Map<String, String> meta = meta(root.get("meta"));
        Health health = health(root.get("health"));
        List<Map<String, Object>> checks = checks(root.get("checks"));
        return new Parsed(new ServiceInstance(service, env, id, address, port, tags, meta, health, ""), checks);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> checks(JsonNode v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidFieldException("checks", "must be an array of objects like [{\"http\":\"http://198.18.0.11:8080/health\","
                    + "\"interval\":\"2s\"}], got " + kind(v));
        }
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw new InvalidFieldException("checks[" + i + "]", "must be an object, got " + kind(v.get(i)));
            }
            out.add(Json.MAPPER.convertValue(v.get(i), Map.class));
        }
        return out;
    }

    private static JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw new InvalidFieldException("body", "is required: send the instance as a JSON object");
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new InvalidFieldException("body", "is required: send the instance as a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new InvalidFieldException("body", "invalid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidFieldException("body", "unreadable: " + e.getMessage());
        }
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (!v.isTextual()) {
            throw new InvalidFieldException(field, "must be a string, got " + kind(v));
        }
        return v.textValue();
    }

    /** IP literals only: a host name here would need a DNS lookup on every registration and could change later. */
    static InetAddress address(String text) {
        InetAddress a = NetUtil.createInetAddressFromIpAddressString(text);
        if (a == null) {
            throw new InvalidFieldException("address", "must be an IPv4 or IPv6 literal such as 198.18.0.11 or 2001:db8::11"
                    + " (host names are not resolved), got '" + text + "'");
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            throw new InvalidFieldException("address", "must be a unicast address clients can connect to, got '" + text + "'");
        }
        return a;
    }

    private static int port(JsonNode v) {
        if (v == null || v.isNull()) {
            throw new InvalidFieldException("port", "is required");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0 || v.intValue() > 65535) {
            throw new InvalidFieldException("port", "must be an integer from 0 to 65535, got " + v);
        }
        return v.intValue();
    }

    private static TreeSet<String> tags(JsonNode v) {
        TreeSet<String> tags = new TreeSet<>();
        if (v == null || v.isNull()) {
            return tags;
        }
        if (!v.isArray()) {
            throw new InvalidFieldException("tags", "must be an array of strings like [\"v2\"], got " + kind(v));
        }
        for (int i = 0; i < v.size(); i++) {
            String field = "tags[" + i + "]";
            JsonNode t = v.get(i);
            if (!t.isTextual()) {
                throw new InvalidFieldException(field, "must be a string, got " + kind(t));
            }
            tags.add(Labels.label(field, t.textValue()));
        }
        return tags;
    }

    private static Map<String, String> meta(JsonNode v) {
        Map<String, String> meta = new TreeMap<>();
        if (v == null || v.isNull()) {
            return meta;
        }
        if (!v.isObject()) {
            throw new InvalidFieldException("meta", "must be an object of strings like {\"k\":\"v\"}, got " + kind(v));
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String key = e.getKey();
            String field = "meta." + key;
            checkMetaKey(field, key);
            if (!e.getValue().isTextual()) {
                throw new InvalidFieldException(field, "must be a string, got " + kind(e.getValue()));
            }
            String value = e.getValue().textValue();
            int bytes = (key + "=" + value).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_META_ENTRY_BYTES) {
                throw new InvalidFieldException(field, "key=value must fit in " + MAX_META_ENTRY_BYTES
                        + " bytes (one DNS TXT string), got " + bytes);
            }
            meta.put(key, value);
        }
        return meta;
    }

    /** RFC 6763 section 6.4: printable US-ASCII, no '='. */
    private static void checkMetaKey(String field, String key) {
        if (key.isEmpty()) {
            throw new InvalidFieldException("meta", "keys must not be empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '=') {
                throw new InvalidFieldException(field, "keys must be printable ASCII without '='");
            }
        }
    }

    private static Health health(JsonNode v) {
        if (v == null || v.isNull()) {
            return Health.PASSING;
        }
        if (!v.isTextual()) {
            throw new InvalidFieldException("health", "must be one of passing, warning, critical, got " + kind(v));
        }
        try {
            return Health.parse(v.textValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("health", "must be one of passing, warning, critical, got '" + v.textValue() + "'");
        }
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
