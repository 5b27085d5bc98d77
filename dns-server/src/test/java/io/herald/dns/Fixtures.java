package io.herald.dns;

import io.herald.config.naming.NamingConfig;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Shared test data: a small catalogue and naming schemas. */
public final class Fixtures {
    private Fixtures() {}

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ServiceInstance instance(String service, String env, String id, String address, int port,
                                           Health health, String... tags) {
        return new ServiceInstance(service, env, id, ip(address), port, new TreeSet<>(List.of(tags)), Map.of(), health, "");
    }

    /** web (2 passing + 1 critical, tags), db (only critical), api (only warning), v6 (IPv6) in prod; web in dev. */
    public static CatalogStore store() {
        CatalogStore store = new CatalogStore("node-a");
        store.register(instance("web", "prod", "web-1", "198.18.0.11", 8080, Health.PASSING, "v2", "blue"));
        store.register(instance("web", "prod", "web-2", "198.18.0.12", 8081, Health.PASSING, "v1"));
        store.register(instance("web", "prod", "web-3", "198.18.0.13", 8082, Health.CRITICAL, "v2"));
        store.register(instance("db", "prod", "db-1", "198.18.0.21", 5432, Health.CRITICAL));
        store.register(instance("api", "prod", "api-1", "198.18.0.31", 9000, Health.WARNING));
        store.register(instance("v6", "prod", "v6-1", "2001:db8::1", 7000, Health.PASSING));
        store.register(instance("web", "dev", "web-9", "198.18.1.9", 8080, Health.PASSING));
        return store;
    }

    /**
     * The three conventions at once: prod as a subdomain, staging as a suffix in the shared domain, qa with a
     * domain of its own. (prod cannot also own the bare name here: "web-staging.service" would be ambiguous.)
     */
    public static NamingConfig threeSchemas() {
        return NamingConfig.of("service", Map.of(
                "prod", List.of("{service}.{env}.{domain}"),
                "staging", List.of("{service}-{env}.{domain}"),
                "qa", List.of("{service}.{env}-{domain}")), NamingConfig.DEFAULT_TEMPLATES);
    }
}
