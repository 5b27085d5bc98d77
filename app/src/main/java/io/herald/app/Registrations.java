package io.herald.app;

import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.herald.gossip.GossipMembership;
import io.herald.health.CheckSpec;
import io.herald.health.HealthChecker;
import io.herald.http.CheckRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every local registration goes through here, from the config file, --demo or the HTTP API. The cluster's
 * catalogue limit and the declared checks are validated before anything is stored; an instance with checks is
 * stored with their initial status and then handed to the health checker. Checks may also come from
 * Registrator-style metadata ({@code SERVICE_CHECK_HTTP=/health}, ...).
 */
final class Registrations implements CheckRegistry {
    private final CatalogStore store;
    private final GossipMembership membership;
    private final HealthChecker checker;

    Registrations(CatalogStore store, GossipMembership membership, HealthChecker checker) {
        this.store = store;
        this.membership = membership;
        this.checker = checker;
    }

    /** Registers an instance whose checks were already parsed (config file). */
    ServiceInstance register(ServiceInstance instance, List<CheckSpec> checks) {
        Prepared p = prepareSpecs(instance, checks);
        ServiceInstance stored = store.register(p.instance());
        p.start().run();
        return stored;
    }

    @Override
    public Prepared prepare(ServiceInstance instance, List<Map<String, Object>> checks) {
        List<CheckSpec> specs = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            specs.add(CheckSpec.fromMap(checks.get(i), "checks[" + i + "]"));
        }
        return prepareSpecs(instance, specs);
    }

    private Prepared prepareSpecs(ServiceInstance instance, List<CheckSpec> declared) {
        if (membership != null) {
            membership.checkCanRegister(instance);
        }
        List<CheckSpec> specs = new ArrayList<>(declared);
        if (specs.isEmpty()) {
            CheckSpec.fromContainerMeta(instance.meta()).ifPresent(specs::add);
        }
        InstanceKey key = instance.key();
        if (specs.isEmpty()) {
            return new Prepared(instance, () -> checker.unwatch(key));
        }
        Health initial = Health.PASSING;
        for (CheckSpec s : specs) {
            initial = initial.worse(s.initial());
        }
        return new Prepared(instance.withHealth(initial), () -> checker.watch(key, specs));
    }

    @Override
    public void remove(InstanceKey key) {
        checker.unwatch(key);
    }
}
