package io.herald.http;

import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** One matched request: its decoded path parameters and lazy access to its (size-limited) body. */
record Call(HttpServerRequest request, Map<String, String> params) {

    String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return v;
    }

    Mono<byte[]> body() {
        return BodyReader.read(request, HttpApi.MAX_BODY_BYTES);
    }
}
