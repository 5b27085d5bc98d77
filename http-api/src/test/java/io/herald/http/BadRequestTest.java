package io.herald.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.Catalog;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BadRequestTest {
    private static final String GOOD = "\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"198.18.0.11\"";

    private final ApiFixture f = new ApiFixture();
    private Catalog before;

    @BeforeEach
    void registerOne() {
        // The same key as the bad bodies: a half-applied replace would show up as a changed instance.
        assertThat(f.put("/v1/instances", "{" + GOOD + ",\"port\":8080,\"tags\":[\"v1\"]}").status()).isEqualTo(200);
        before = f.store.current();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"service\":", "body"),
                Arguments.of("", "body"),
                Arguments.of("[1,2]", "body"),
                Arguments.of("{" + GOOD + ",\"port\":80} trailing", "body"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"port\":81}", "body"),
                Arguments.of("{\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"198.18.0.11\",\"port\":80}", "service"),
                Arguments.of("{\"service\":\"web\",\"id\":\"web-1\",\"address\":\"198.18.0.11\",\"port\":80}", "env"),
                Arguments.of("{\"service\":\"web\",\"env\":\"prod\",\"address\":\"198.18.0.11\",\"port\":80}", "id"),
                Arguments.of("{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"port\":80}", "address"),
                Arguments.of("{" + GOOD + "}", "port"),
                Arguments.of("{" + GOOD + ",\"port\":65536}", "port"),
                Arguments.of("{" + GOOD + ",\"port\":-1}", "port"),
                Arguments.of("{" + GOOD + ",\"port\":\"8080\"}", "port"),
                Arguments.of("{" + GOOD + ",\"port\":80.5}", "port"),
                Arguments.of("{" + GOOD + ",\"port\":99999999999999999999}", "port"),
                Arguments.of("{\"service\":\"web_1\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"198.18.0.11\",\"port\":80}", "service"),
                Arguments.of("{\"service\":7,\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"198.18.0.11\",\"port\":80}", "service"),
                Arguments.of("{\"service\":\"web\",\"env\":\"-prod\",\"id\":\"web-1\",\"address\":\"198.18.0.11\",\"port\":80}", "env"),
                Arguments.of("{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web.1\",\"address\":\"198.18.0.11\",\"port\":80}", "id"),
                Arguments.of("{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"localhost\",\"port\":80}", "address"),
                Arguments.of("{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"web.example.com\",\"port\":80}", "address"),
                Arguments.of("{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"198.18.0.256\",\"port\":80}", "address"),
                Arguments.of("{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"0.0.0.0\",\"port\":80}", "address"),
                Arguments.of("{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"224.0.0.1\",\"port\":80}", "address"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"tags\":\"v2\"}", "tags"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"tags\":[\"v2\",\"not a label\"]}", "tags[1]"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"tags\":[3]}", "tags[0]"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"meta\":[\"k\"]}", "meta"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"meta\":{\"k\":1}}", "meta.k"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"meta\":{\"a=b\":\"c\"}}", "meta.a=b"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"meta\":{\"k\":\"" + "x".repeat(300) + "\"}}", "meta.k"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"health\":\"sick\"}", "health"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"colour\":\"blue\"}", "colour"),
                Arguments.of("{" + GOOD + ",\"port\":80,\"node\":\"node-z\"}", "node"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badBodies")
    void badRegistrationIs400NamingTheFieldAndChangesNothing(String body, String field) {
        ApiFixture.Response r = f.put("/v1/instances", body);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThat(r.error()).startsWith(field + ": ");
        assertThat(r.error().length()).as("a reason follows the field").isGreaterThan(field.length() + 8);
        assertThat(f.store.current()).as("catalogue untouched").isSameAs(before);
        assertThat(f.get("/v1/catalog").json().get("instances").get(0).get("tags").toString()).isEqualTo("[\"v1\"]");
    }

    @Test
    void unknownFieldErrorListsTheAllowedOnes() {
        ApiFixture.Response r = f.put("/v1/instances", "{" + GOOD + ",\"port\":80,\"weight\":3}");

        assertThat(r.error()).isEqualTo("weight: unknown field; allowed fields are "
                + "service, env, id, address, port, tags, meta, health, checks");
    }

    @Test
    void badLabelInThePathIs400() {
        ApiFixture.Response r = f.delete("/v1/instances/prod/web_x/web-1");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).startsWith("service: ");
    }

    @Test
    void pathSegmentsArePercentDecoded() throws Exception {
        f.put("/v1/instances", ApiFixture.instance("web", "prod", "web-1", "198.18.0.11", 8080));
        assertThat(f.get("/v1/services/pr%6Fd/web").status()).isEqualTo(200);

        // The JDK client refuses to send a malformed escape, so this one goes over a plain socket.
        String raw = rawExchange("GET /v1/services/pr%ZZod/web HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400 ").contains("{\"error\":\"path: malformed percent-encoding");
    }

    private String rawExchange(String request) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", f.api.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void unknownPathsAre404() {
        for (String path : new String[] {"/", "/v1", "/v1/catalog/extra", "/v2/catalog", "/v1/services/prod"}) {
            ApiFixture.Response r = f.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.error()).as(path).contains("no such path");
        }
    }

    @Test
    void wrongMethodIs405WithAllow() {
        ApiFixture.Response r = f.get("/v1/instances");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("allow")).isEqualTo("PUT");
        assertThat(r.error()).contains("use PUT");

        r = f.method("POST", "/v1/catalog", "{}");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("allow")).isEqualTo("GET");

        r = f.get("/v1/instances/prod/web/web-1");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("allow")).isEqualTo("DELETE");

        r = f.delete("/metrics");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("allow")).isEqualTo("GET");

        assertThat(f.store.current()).isSameAs(before);
    }

    @Test
    void oversizedBodyWithContentLengthIs413() {
        String huge = "{" + GOOD + ",\"port\":80,\"meta\":{\"k\":\"" + "x".repeat(HttpApi.MAX_BODY_BYTES) + "\"}}";

        ApiFixture.Response r = f.put("/v1/instances", huge);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.error()).startsWith("body: ").contains(Integer.toString(HttpApi.MAX_BODY_BYTES));
        assertThat(f.store.current()).isSameAs(before);
        assertThat(f.get("/health").status()).as("server still serves").isEqualTo(200);
    }

    @Test
    void oversizedChunkedBodyIs413() {
        byte[] huge = ("{" + GOOD + ",\"port\":80,\"meta\":{\"k\":\"" + "x".repeat(HttpApi.MAX_BODY_BYTES) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        // An input-stream publisher has no known length, so the JDK client sends it chunked.
        HttpRequest.Builder b = f.request("/v1/instances")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)));

        ApiFixture.Response r = f.send(b);

        assertThat(r.status()).isEqualTo(413);
        assertThat(f.store.current()).isSameAs(before);
    }

    @Test
    void bodyJustUnderTheLimitIsParsed() {
        String prefix = "{" + GOOD + ",\"port\":80,\"meta\":{\"k\":\"v\"}}";
        String padded = prefix + " ".repeat(HttpApi.MAX_BODY_BYTES - prefix.length());
        assertThat(padded.length()).isEqualTo(HttpApi.MAX_BODY_BYTES);

        assertThat(f.put("/v1/instances", padded).status()).isEqualTo(200);
    }
}
