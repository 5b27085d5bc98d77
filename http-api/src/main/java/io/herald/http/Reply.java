package io.herald.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete response, built by a handler and written (and counted) in one place. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";

    static Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, JSON, Json.MAPPER.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a JSON tree", e);
        }
    }

    static Reply ok(JsonNode body) {
        return json(200, body);
    }

    /** The error body every failure uses: {@code {"error":"<field>: <reason>"}} or a plain reason. */
    static Reply error(int status, String message) {
        return json(status, Json.MAPPER.createObjectNode().put("error", message));
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, body, Map.copyOf(h));
    }
}
