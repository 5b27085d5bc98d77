package io.herald.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsApiTest {

    @Test
    void healthIsOkWhileServing() {
        try (ApiFixture f = new ApiFixture()) {
            ApiFixture.Response r = f.get("/health");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void readyFollowsTheSupplier() {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (ApiFixture f = new ApiFixture(new HttpApi.Hooks(ready::get, null, null))) {
            ApiFixture.Response starting = f.get("/ready");
            assertThat(starting.status()).isEqualTo(503);
            assertThat(starting.json().get("status").asText()).isEqualTo("starting");

            ready.set(true);

            assertThat(f.get("/ready").status()).isEqualTo(200);
            assertThat(f.get("/ready").json().get("status").asText()).isEqualTo("ready");
        }
    }

    @Test
    void readyWithoutASupplierIsReady() {
        try (ApiFixture f = new ApiFixture()) {
            assertThat(f.get("/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void metricsExposeRequestCountsAndInstanceGauges() {
        try (ApiFixture f = new ApiFixture()) {
            f.put("/v1/instances", ApiFixture.instance("web", "prod", "web-1", "198.18.0.11", 80));
            f.put("/v1/instances", ApiFixture.instance("web", "prod", "web-2", "198.18.0.12", 80));
            f.put("/v1/instances", "{\"service\":\"web\"}");
            f.get("/nowhere");
            f.store.updateHealth(new InstanceKey("prod", "web", "web-2"), Health.WARNING);
            f.store.replaceNode("node-b", List.of(
                    ServiceInstance.of("db", "prod", "db-1", RegistrationApiTest.ip("198.18.0.21"), 5432)
                            .withHealth(Health.CRITICAL)));
            f.store.replaceNode("node-c", List.of(
                    ServiceInstance.of("db", "prod", "db-2", RegistrationApiTest.ip("198.18.0.22"), 5432)));
            f.store.setReachable("node-c", false);

            ApiFixture.Response r = f.get("/metrics");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("content-type")).startsWith("text/plain");
            String text = r.body();
            assertThat(text).contains(
                    "herald_http_requests_total{method=\"PUT\",route=\"/v1/instances\",status=\"200\"} 2.0",
                    "herald_http_requests_total{method=\"PUT\",route=\"/v1/instances\",status=\"400\"} 1.0",
                    "herald_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1.0",
                    // node-c is unreachable: its passing instance is not servable, so not counted.
                    "herald_instances{health=\"passing\"} 1.0",
                    "herald_instances{health=\"warning\"} 1.0",
                    "herald_instances{health=\"critical\"} 1.0");
        }
    }

    @Test
    void unknownMethodsShareOneMetricLabel() {
        try (ApiFixture f = new ApiFixture()) {
            ApiFixture.Response r = f.method("BREW", "/health", null);
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("allow")).isEqualTo("GET");

            assertThat(f.get("/metrics").body())
                    .contains("herald_http_requests_total{method=\"other\",route=\"/health\",status=\"405\"} 1.0")
                    .doesNotContain("BREW");
        }
    }

    @Test
    void closingReleasesThePortAndTheGauges() throws Exception {
        ApiFixture f = new ApiFixture();
        int port = f.api.port();
        f.api.close();

        assertThat(f.registry.find(io.herald.core.MetricNames.INSTANCES).gauges()).isEmpty();
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
        f.registry.close();
    }
}
