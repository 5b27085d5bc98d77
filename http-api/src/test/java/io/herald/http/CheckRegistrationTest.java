package io.herald.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.herald.core.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks declared with a registration reach the check registry; a bad one rejects the whole request. */
class CheckRegistrationTest {
    /** Records calls; rejects any check without an "http", "tcp", "ttl" or "args" key, as the real parser would. */
    static final class RecordingRegistry implements CheckRegistry {
        final List<String> calls = new ArrayList<>();

        @Override
        public Prepared prepare(ServiceInstance instance, List<Map<String, Object>> checks) {
            InstanceKey key = instance.key();
            for (int i = 0; i < checks.size(); i++) {
                Map<String, Object> c = checks.get(i);
                if (!c.containsKey("http") && !c.containsKey("tcp") && !c.containsKey("ttl") && !c.containsKey("args")) {
                    throw new InvalidFieldException("checks[" + i + "]", "needs one of http, tcp, ttl, args");
                }
            }
            return new Prepared(instance, () -> calls.add("start " + key + " " + checks));
        }

        @Override
        public void remove(InstanceKey key) {
            calls.add("remove " + key);
        }
    }

    private static final String WITH_CHECK = "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\","
            + "\"address\":\"198.18.0.11\",\"port\":8080,\"checks\":[{\"http\":\"http://198.18.0.11:8080/health\","
            + "\"interval\":\"2s\"}]}";

    @Test
    void checksAreStartedAfterTheInstanceIsStoredAndStoppedOnDeregistration() {
        RecordingRegistry checks = new RecordingRegistry();
        try (ApiFixture api = new ApiFixture(new HttpApi.Hooks(null, null, null, checks))) {
            assertThat(api.put("/v1/instances", WITH_CHECK).status()).isEqualTo(200);
            assertThat(checks.calls).containsExactly(
                    "start prod/web/web-1 [{http=http://198.18.0.11:8080/health, interval=2s}]");
            assertThat(api.delete("/v1/instances/prod/web/web-1").status()).isEqualTo(200);
            assertThat(checks.calls).last().isEqualTo("remove prod/web/web-1");
        }
    }

    @Test
    void aBadCheckRejectsTheRegistrationAndNothingChanges() {
        RecordingRegistry checks = new RecordingRegistry();
        try (ApiFixture api = new ApiFixture(new HttpApi.Hooks(null, null, null, checks))) {
            long version = api.store.current().version();
            ApiFixture.Response r = api.put("/v1/instances", WITH_CHECK.replace("\"http\"", "\"htp\""));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error()).startsWith("checks[0]");
            assertThat(api.store.current().version()).isEqualTo(version);
            assertThat(checks.calls).isEmpty();
            assertThat(api.put("/v1/instances", WITH_CHECK.replace("[{", "[1,{")).error()).startsWith("checks[0]");
        }
    }

    @Test
    void checksWithoutARegistryAreRefused() {
        try (ApiFixture api = new ApiFixture()) {
            ApiFixture.Response r = api.put("/v1/instances", WITH_CHECK);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error()).startsWith("checks");
        }
    }
}
