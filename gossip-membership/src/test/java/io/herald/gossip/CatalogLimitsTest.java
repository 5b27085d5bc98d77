package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InvalidFieldException;
import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registration limits are checked against the store alone; nothing needs to be started. */
class CatalogLimitsTest {
    private static ServiceInstance instance(String id) {
        return ServiceInstance.of("svc", "prod", id, InetAddress.getLoopbackAddress(), 80);
    }

    @Test
    void refusesTheInstanceBeyondTheCountLimitButAllowsReplacements() {
        CatalogStore store = new CatalogStore("n1");
        try (GossipMembership m = GossipMembership.create(ClusterConfig.builder().build(), store)) {
            for (int i = 0; i < m.maxLocalInstances(); i++) {
                ServiceInstance next = instance("i-" + i);
                m.checkCanRegister(next);
                store.register(next);
            }
            assertThatThrownBy(() -> m.checkCanRegister(instance("one-more")))
                    .isInstanceOf(CatalogFullException.class)
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessageStartingWith("instances: node n1 would own 2001 instances, but one node can gossip at most 2000");
            // Re-registering an existing key (e.g. a health or tag change) never grows the catalogue.
            m.checkCanRegister(instance("i-5").withHealth(Health.CRITICAL));
        }
    }

    @Test
    void refusesAnInstanceThatWouldExceedTheByteLimit() {
        CatalogStore store = new CatalogStore("n1");
        try (GossipMembership m = GossipMembership.create(ClusterConfig.builder().build(), store)) {
            ServiceInstance huge = new ServiceInstance("svc", "prod", "big", InetAddress.getLoopbackAddress(), 80,
                    null, Map.of("blob", "x".repeat(m.maxCatalogBytes())), Health.PASSING, "");
            assertThatThrownBy(() -> m.checkCanRegister(huge))
                    .isInstanceOf(CatalogFullException.class)
                    .hasMessageContaining("bytes of instances, but one node can gossip at most " + m.maxCatalogBytes());
            ServiceInstance fits = new ServiceInstance("svc", "prod", "ok", InetAddress.getLoopbackAddress(), 80,
                    List.of("a", "b").stream().collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                    Map.of("blob", "x".repeat(1000)), Health.PASSING, "");
            m.checkCanRegister(fits);
            assertThat(m.publishProblem()).isEmpty();
        }
    }
}
