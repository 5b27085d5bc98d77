package io.herald.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistrationApiTest {
    private final ApiFixture f = new ApiFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void putRegistersAndAnswersTheStoredInstance() {
        ApiFixture.Response r = f.put("/v1/instances", "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\","
                + "\"address\":\"198.18.0.11\",\"port\":8080,\"tags\":[\"v2\"],\"meta\":{\"k\":\"v\"}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("application/json");
        JsonNode j = r.json();
        assertThat(fieldNames(j)).containsExactly("service", "env", "id", "address", "port", "tags", "meta", "health", "node");
        assertThat(j.get("service").asText()).isEqualTo("web");
        assertThat(j.get("env").asText()).isEqualTo("prod");
        assertThat(j.get("id").asText()).isEqualTo("web-1");
        assertThat(j.get("address").asText()).isEqualTo("198.18.0.11");
        assertThat(j.get("port").asInt()).isEqualTo(8080);
        assertThat(j.get("tags").toString()).isEqualTo("[\"v2\"]");
        assertThat(j.get("meta").toString()).isEqualTo("{\"k\":\"v\"}");
        assertThat(j.get("health").asText()).isEqualTo("passing");
        assertThat(j.get("node").asText()).isEqualTo(ApiFixture.LOCAL_NODE);

        ServiceInstance stored = f.store.local(new InstanceKey("prod", "web", "web-1")).orElseThrow();
        assertThat(stored.port()).isEqualTo(8080);
        assertThat(stored.tags()).containsExactly("v2");
        assertThat(stored.meta()).containsEntry("k", "v");
    }

    @Test
    void putWithTheSameKeyReplacesTheWholeInstance() {
        f.put("/v1/instances", "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"198.18.0.11\","
                + "\"port\":8080,\"tags\":[\"v1\"],\"meta\":{\"a\":\"b\"},\"health\":\"warning\"}");

        ApiFixture.Response r = f.put("/v1/instances", ApiFixture.instance("web", "prod", "web-1", "2001:db8::11", 9090));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("address").asText()).isEqualTo("2001:db8::11");
        JsonNode catalog = f.get("/v1/catalog").json();
        assertThat(catalog.get("instances")).hasSize(1);
        JsonNode only = catalog.get("instances").get(0);
        assertThat(only.get("port").asInt()).isEqualTo(9090);
        assertThat(only.get("tags")).isEmpty();
        assertThat(only.get("meta")).isEmpty();
        assertThat(only.get("health").asText()).as("no health given and no checks: passing").isEqualTo("passing");
    }

    @Test
    void optionalHealthIsStored() {
        ApiFixture.Response r = f.put("/v1/instances", "{\"service\":\"db\",\"env\":\"prod\",\"id\":\"db-1\","
                + "\"address\":\"198.18.0.21\",\"port\":5432,\"health\":\"critical\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("health").asText()).isEqualTo("critical");
        assertThat(f.store.local(new InstanceKey("prod", "db", "db-1")).orElseThrow().health().wireName())
                .isEqualTo("critical");
    }

    @Test
    void namesAreLowerCasedLikeDnsLabels() {
        ApiFixture.Response r = f.put("/v1/instances", ApiFixture.instance("Web", "PROD", "Web-1", "198.18.0.11", 80));

        assertThat(r.json().get("service").asText()).isEqualTo("web");
        assertThat(f.get("/v1/services/prod/web").status()).isEqualTo(200);
        assertThat(f.delete("/v1/instances/Prod/WEB/web-1").status()).isEqualTo(200);
    }

    @Test
    void deleteRemovesAndAnswersTheRemovedInstance() {
        f.put("/v1/instances", ApiFixture.instance("web", "prod", "web-1", "198.18.0.11", 8080));

        ApiFixture.Response r = f.delete("/v1/instances/prod/web/web-1");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo("web-1");
        assertThat(r.json().get("port").asInt()).isEqualTo(8080);
        assertThat(f.store.current().size()).isZero();
        assertThat(f.get("/v1/services/prod/web").status()).isEqualTo(404);
    }

    @Test
    void deleteOfAnUnknownInstanceIs404WithAReason() {
        long version = f.store.current().version();

        ApiFixture.Response r = f.delete("/v1/instances/prod/web/web-9");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).contains("prod/web/web-9").contains("not registered");
        assertThat(f.store.current().version()).isEqualTo(version);
    }

    @Test
    void deleteCannotRemoveAnotherNodesInstance() {
        f.store.replaceNode("node-b", List.of(ServiceInstance.of("web", "prod", "web-2", ip("198.18.0.12"), 80)));

        assertThat(f.delete("/v1/instances/prod/web/web-2").status()).isEqualTo(404);
        assertThat(f.store.current().ofNode("node-b")).hasSize(1);
    }

    @Test
    void catalogListsEveryNodeSortedByEnvServiceId() {
        f.put("/v1/instances", ApiFixture.instance("web", "prod", "web-2", "198.18.0.12", 80));
        f.put("/v1/instances", ApiFixture.instance("api", "prod", "api-1", "198.18.0.31", 80));
        f.put("/v1/instances", ApiFixture.instance("web", "dev", "web-9", "198.18.0.19", 80));
        f.store.replaceNode("node-b", List.of(ServiceInstance.of("web", "prod", "web-1", ip("198.18.0.11"), 80)));
        f.store.setReachable("node-b", false);

        ApiFixture.Response r = f.get("/v1/catalog");

        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(fieldNames(j)).containsExactly("version", "instances");
        assertThat(j.get("version").asLong()).isEqualTo(f.store.current().version());
        List<String> order = new ArrayList<>();
        j.get("instances").forEach(i -> order.add(i.get("env").asText() + "/" + i.get("service").asText() + "/"
                + i.get("id").asText() + "@" + i.get("node").asText()));
        assertThat(order).as("all nodes, unreachable ones included").containsExactly(
                "dev/web/web-9@node-a", "prod/api/api-1@node-a", "prod/web/web-1@node-b", "prod/web/web-2@node-a");
    }

    @Test
    void emptyCatalogIsAnEmptyList() {
        JsonNode j = f.get("/v1/catalog").json();
        assertThat(j.get("version").asLong()).isZero();
        assertThat(j.get("instances").isArray()).isTrue();
        assertThat(j.get("instances")).isEmpty();
    }

    @Test
    void serviceShowsItsServableInstancesWithHealth() {
        f.put("/v1/instances", ApiFixture.instance("web", "prod", "web-1", "198.18.0.11", 8080));
        f.put("/v1/instances", "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-3\",\"address\":\"198.18.0.13\","
                + "\"port\":8080,\"health\":\"critical\"}");
        f.put("/v1/instances", ApiFixture.instance("web", "dev", "web-1", "198.18.0.91", 8080));
        f.store.replaceNode("node-b", List.of(ServiceInstance.of("web", "prod", "web-2", ip("198.18.0.12"), 8080)));
        f.store.replaceNode("node-c", List.of(ServiceInstance.of("web", "prod", "web-4", ip("198.18.0.14"), 8080)));
        f.store.setReachable("node-c", false);

        ApiFixture.Response r = f.get("/v1/services/prod/web");

        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(fieldNames(j)).containsExactly("env", "service", "instances");
        assertThat(j.get("env").asText()).isEqualTo("prod");
        assertThat(j.get("service").asText()).isEqualTo("web");
        List<String> rows = new ArrayList<>();
        j.get("instances").forEach(i -> rows.add(i.get("id").asText() + ":" + i.get("health").asText()));
        assertThat(rows).as("other envs and unreachable nodes left out").containsExactly(
                "web-1:passing", "web-2:passing", "web-3:critical");
    }

    @Test
    void unknownServiceIs404() {
        f.put("/v1/instances", ApiFixture.instance("web", "prod", "web-1", "198.18.0.11", 8080));

        ApiFixture.Response r = f.get("/v1/services/staging/web");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).contains("web").contains("staging");
    }

    @Test
    void concurrentRegistrationsAllLand() throws Exception {
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pending.add(f.client.sendAsync(f.request("/v1/instances")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                            ApiFixture.instance("web", "prod", "web-" + i, "198.18.1." + i, 8080))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()));
        }
        for (var p : pending) {
            assertThat(p.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(f.store.localInstances()).hasSize(40);
        assertThat(f.get("/v1/services/prod/web").json().get("instances")).hasSize(40);
    }

    static InetAddress ip(String literal) {
        return Registration.address(literal);
    }

    static Set<String> fieldNames(JsonNode j) {
        Set<String> names = new java.util.LinkedHashSet<>();
        j.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
