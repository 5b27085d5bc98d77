package io.herald.dns.index;

import static io.herald.dns.Fixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.naming.NamingConfig;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.herald.dns.Fixtures;
import io.herald.ttl.TtlPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Updating the index change by change gives exactly the snapshot a full build of the same catalogue gives. */
class IndexMaintainerTest {
    private static final List<String> ENVS = List.of("prod", "staging", "qa");
    private static final List<String> SERVICES = List.of("web", "db", "api", "cache");
    private static final List<String> TAGS = List.of("v1", "v2", "blue");

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "threeSchemas"})
    void everyStepMatchesAFullBuild(String schema) {
        NamingConfig naming = schema.equals("defaults") ? NamingConfig.defaults() : Fixtures.threeSchemas();
        ZoneIndexBuilder builder = new ZoneIndexBuilder(naming, TtlPolicy.fixed(5, 30),
                List.of(Fixtures.ip("127.0.0.1")), 100);
        CatalogStore store = new CatalogStore("node-a");
        IndexMaintainer maintainer = new IndexMaintainer(builder);
        maintainer.full(store.current());
        Random random = new Random(7);
        int updatesWithSharing = 0;
        for (int step = 0; step < 400; step++) {
            change(store, random);
            ZoneIndex before = maintainer.current();
            ZoneIndex incremental = maintainer.update(store.current());
            ZoneIndex reference = builder.build(store.current());
            assertThat(incremental.version()).isEqualTo(reference.version());
            assertThat(new HashMap<>(incremental.names())).as("names after step %d", step)
                    .isEqualTo(new HashMap<>(reference.names()));
            assertThat(new HashMap<>(incremental.ptr())).as("reverse names after step %d", step)
                    .isEqualTo(new HashMap<>(reference.ptr()));
            assertThat(incremental.zones()).isEqualTo(reference.zones());
            assertThat(incremental.soa()).isEqualTo(reference.soa());
            assertThat(incremental.ns()).isEqualTo(reference.ns());
            long kept = incremental.names().entrySet().stream()
                    .filter(e -> e.getValue() == before.names().get(e.getKey())).count();
            if (kept > incremental.names().size() / 2) {
                updatesWithSharing++;
            }
        }
        assertThat(updatesWithSharing).as("most updates keep most record sets by identity").isGreaterThan(300);
    }

    /** One random catalogue change: local registrations, health, removals, and a peer's gossip state. */
    private static void change(CatalogStore store, Random r) {
        String env = ENVS.get(r.nextInt(ENVS.size()));
        String service = SERVICES.get(r.nextInt(SERVICES.size()));
        String id = service + "-" + r.nextInt(4);
        // Few addresses, so services share reverse names.
        String address = r.nextInt(10) == 0 ? "2001:db8::" + (1 + r.nextInt(3)) : "198.18.0." + (1 + r.nextInt(12));
        switch (r.nextInt(8)) {
            case 0, 1, 2 -> store.register(instance(service, env, id, address, 8000 + r.nextInt(3),
                    Health.values()[r.nextInt(Health.values().length)], TAGS.get(r.nextInt(TAGS.size()))));
            case 3 -> store.deregister(new InstanceKey(env, service, id));
            case 4 -> store.updateHealth(new InstanceKey(env, service, id), Health.values()[r.nextInt(3)]);
            case 5 -> {
                List<ServiceInstance> peer = new ArrayList<>();
                for (int i = 0; i < r.nextInt(4); i++) {
                    peer.add(instance(SERVICES.get(r.nextInt(SERVICES.size())), ENVS.get(r.nextInt(ENVS.size())),
                            "p-" + i, "198.18.0." + (1 + r.nextInt(12)), 9000, Health.PASSING, "v1"));
                }
                store.replaceNode("node-b", peer);
            }
            case 6 -> store.setReachable("node-b", r.nextBoolean());
            default -> {
                if (r.nextInt(4) == 0) {
                    store.removeNode("node-b");
                }
            }
        }
    }
}
