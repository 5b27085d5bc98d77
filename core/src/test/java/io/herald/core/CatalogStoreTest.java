package io.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class CatalogStoreTest {
    private static ServiceInstance web(String id, String ip) throws Exception {
        return ServiceInstance.of("Web", "prod", id, InetAddress.getByName(ip), 8080, List.of("V2"));
    }

    @Test
    void registerOwnsNormalisesAndVersions() throws Exception {
        CatalogStore store = new CatalogStore("node-a");
        Catalog before = store.current();
        ServiceInstance stored = store.register(web("web-1", "198.18.0.1"));
        assertThat(stored.node()).isEqualTo("node-a");
        assertThat(stored.service()).isEqualTo("web");
        assertThat(stored.tags()).containsExactly("v2");
        assertThat(store.current().version()).isEqualTo(before.version() + 1);
        assertThat(before.size()).as("old snapshots never change").isZero();
        store.register(web("web-1", "198.18.0.1"));
        assertThat(store.current().version()).as("re-registering the same instance publishes nothing")
                .isEqualTo(before.version() + 1);
    }

    @Test
    void everyChangeIsPublishedAsANewSnapshot() throws Exception {
        CatalogStore store = new CatalogStore("node-a");
        List<Long> versions = new ArrayList<>();
        Disposable d = store.changes().subscribe(c -> versions.add(c.version()));
        ServiceInstance i = store.register(web("web-1", "198.18.0.1"));
        store.updateHealth(i.key(), Health.CRITICAL);
        store.updateHealth(i.key(), Health.CRITICAL);
        store.deregister(i.key());
        d.dispose();
        assertThat(versions).containsExactly(0L, 1L, 2L, 3L);
        assertThat(store.deregister(i.key())).isEmpty();
    }

    @Test
    void batchHealthUpdatesPublishOnce() throws Exception {
        CatalogStore store = new CatalogStore("node-a");
        ServiceInstance a = store.register(web("web-1", "198.18.0.1"));
        ServiceInstance b = store.register(web("web-2", "198.18.0.2"));
        long v = store.current().version();
        int changed = store.updateHealth(Map.of(a.key(), Health.CRITICAL, b.key(), Health.PASSING,
                new InstanceKey("prod", "web", "nope"), Health.WARNING));
        assertThat(changed).isEqualTo(1);
        assertThat(store.current().version()).isEqualTo(v + 1);
        assertThat(store.local(a.key()).orElseThrow().health()).isEqualTo(Health.CRITICAL);
    }

    @Test
    void remoteNodesCanBeHiddenAndRemoved() throws Exception {
        CatalogStore store = new CatalogStore("node-a");
        store.register(web("web-1", "198.18.0.1"));
        store.replaceNode("node-b", List.of(web("web-2", "198.18.0.2")));
        assertThat(store.current().visible()).hasSize(2);
        store.setReachable("node-b", false);
        assertThat(store.current().visible()).extracting(ServiceInstance::id).containsExactly("web-1");
        assertThat(store.current().all()).hasSize(2);
        store.setReachable("node-b", true);
        assertThat(store.current().visible()).hasSize(2);
        store.removeNode("node-b");
        assertThat(store.current().all()).hasSize(1);
        assertThatThrownBy(() -> store.replaceNode("node-a", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidNamesAreRejectedWithTheField() {
        assertThatThrownBy(() -> ServiceInstance.of("web_1", "prod", "x", InetAddress.getLoopbackAddress(), 1))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("service:");
        assertThatThrownBy(() -> ServiceInstance.of("web", "prod", "x", InetAddress.getLoopbackAddress(), 70000))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("port:");
        assertThat(Health.PASSING.worse(Health.WARNING)).isEqualTo(Health.WARNING);
        assertThat(Health.parse("Critical")).isEqualTo(Health.CRITICAL);
    }
}
