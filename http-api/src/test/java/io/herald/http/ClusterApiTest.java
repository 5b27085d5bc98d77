package io.herald.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.cluster.Member;
import io.herald.core.cluster.MemberState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ClusterApiTest {

    /** A TTL check table over the real store: check id to the instance whose health it sets. */
    static final class TtlChecks implements CheckUpdater {
        final Map<String, InstanceKey> checks = new ConcurrentHashMap<>();
        final Map<String, String> notes = new ConcurrentHashMap<>();
        final List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        CatalogStore store;

        @Override
        public boolean update(String checkId, String status, String note) {
            threads.add(Thread.currentThread().getName());
            InstanceKey key = checks.get(checkId);
            if (key == null) {
                return false;
            }
            notes.put(checkId, note);
            store.updateHealth(key, Health.parse(status));
            return true;
        }
    }

    @Test
    void membersWithoutAClusterIsAnEmptyList() {
        try (ApiFixture f = new ApiFixture()) {
            ApiFixture.Response r = f.get("/v1/members");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().isArray()).isTrue();
            assertThat(r.json()).isEmpty();
        }
    }

    @Test
    void membersListsTheSuppliedViewOffTheEventLoop() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpApi.Hooks hooks = new HttpApi.Hooks(null, () -> {
            threads.add(Thread.currentThread().getName());
            return List.of(
                    new Member("node-b", "127.0.0.2:7946", MemberState.SUSPECT, 3, false),
                    new Member("node-a", "127.0.0.1:7946", MemberState.ALIVE, 2, true));
        }, null);
        try (ApiFixture f = new ApiFixture(hooks)) {
            ApiFixture.Response r = f.get("/v1/members");

            assertThat(r.status()).isEqualTo(200);
            JsonNode j = r.json();
            assertThat(j).hasSize(2);
            assertThat(j.get(0).toString()).isEqualTo(
                    "{\"name\":\"node-a\",\"address\":\"127.0.0.1:7946\",\"state\":\"alive\",\"instances\":2,\"local\":true}");
            assertThat(j.get(1).get("name").asText()).isEqualTo("node-b");
            assertThat(j.get(1).get("state").asText()).isEqualTo("suspect");
            assertThat(j.get(1).get("local").asBoolean()).isFalse();
            assertThat(threads).singleElement().asString().doesNotStartWith("reactor-http");
        }
    }

    @Test
    void checkHeartbeatsSetHealthThroughTheUpdater() {
        TtlChecks ttl = new TtlChecks();
        try (ApiFixture f = new ApiFixture(new HttpApi.Hooks(null, null, ttl))) {
            ttl.store = f.store;
            f.put("/v1/instances", ApiFixture.instance("web", "prod", "web-1", "198.18.0.11", 8080));
            ttl.checks.put("web-1-ttl", new InstanceKey("prod", "web", "web-1"));

            ApiFixture.Response warn = f.put("/v1/checks/web-1-ttl/warn", "  disk 91% full \n");
            assertThat(warn.status()).isEqualTo(200);
            assertThat(warn.json().get("status").asText()).isEqualTo("warning");
            assertThat(ttl.notes).containsEntry("web-1-ttl", "disk 91% full");
            assertThat(health(f)).isEqualTo("warning");

            assertThat(f.put("/v1/checks/web-1-ttl/fail", "").status()).isEqualTo(200);
            assertThat(health(f)).isEqualTo("critical");
            assertThat(ttl.notes).containsEntry("web-1-ttl", "");

            assertThat(f.method("PUT", "/v1/checks/web-1-ttl/pass", null).status()).isEqualTo(200);
            assertThat(health(f)).isEqualTo("passing");

            assertThat(ttl.threads).hasSize(3).allSatisfy(t -> assertThat(t).doesNotStartWith("reactor-http"));
        }
    }

    @Test
    void unknownCheckIs404() {
        TtlChecks ttl = new TtlChecks();
        try (ApiFixture f = new ApiFixture(new HttpApi.Hooks(null, null, ttl))) {
            ApiFixture.Response r = f.put("/v1/checks/nope/pass", "");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.error()).contains("nope");
            assertThat(ttl.threads).hasSize(1);
        }
    }

    @Test
    void checksWithoutAnUpdaterAre404() {
        try (ApiFixture f = new ApiFixture()) {
            assertThat(f.put("/v1/checks/web-1-ttl/pass", "").status()).isEqualTo(404);
        }
    }

    @Test
    void badCheckRequestsAreRefused() {
        TtlChecks ttl = new TtlChecks();
        try (ApiFixture f = new ApiFixture(new HttpApi.Hooks(null, null, ttl))) {
            ApiFixture.Response longId = f.put("/v1/checks/" + "c".repeat(300) + "/pass", "");
            assertThat(longId.status()).isEqualTo(400);
            assertThat(longId.error()).startsWith("id: ");

            ApiFixture.Response longNote = f.put("/v1/checks/web-1-ttl/pass", "n".repeat(5000));
            assertThat(longNote.status()).isEqualTo(400);
            assertThat(longNote.error()).startsWith("note: ");

            ApiFixture.Response wrongVerb = f.put("/v1/checks/web-1-ttl/ok", "");
            assertThat(wrongVerb.status()).isEqualTo(404);

            ApiFixture.Response get = f.get("/v1/checks/web-1-ttl/pass");
            assertThat(get.status()).isEqualTo(405);
            assertThat(get.header("allow")).isEqualTo("PUT");
            assertThat(ttl.threads).as("the updater never saw a bad request").isEmpty();
        }
    }

    private static String health(ApiFixture f) {
        return f.get("/v1/services/prod/web").json().get("instances").get(0).get("health").asText();
    }
}
