package io.herald.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.Catalog;
import io.herald.core.CatalogStore;
import io.herald.core.InstanceKey;
import io.herald.core.Labels;
import io.herald.core.ServiceInstance;
import java.util.Comparator;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Registration, deregistration and catalogue reads. */
final class InstanceRoutes {
    /** Listing order of the contract: env, service, id (node breaks ties between nodes). */
    static final Comparator<ServiceInstance> ORDER = Comparator.comparing(ServiceInstance::env)
            .thenComparing(ServiceInstance::service)
            .thenComparing(ServiceInstance::id)
            .thenComparing(ServiceInstance::node);

    private final CatalogStore store;
    private final CheckRegistry checks;

    InstanceRoutes(CatalogStore store, CheckRegistry checks) {
        this.store = store;
        this.checks = checks;
    }

    List<Route> routes() {
        return List.of(
                new Route("PUT", "/v1/instances", this::register),
                new Route("DELETE", "/v1/instances/{env}/{service}/{id}", this::deregister),
                new Route("GET", "/v1/catalog", this::catalog),
                new Route("GET", "/v1/services/{env}/{service}", this::service));
    }

    /** Parsing and validation finish before the store is touched: a bad request leaves nothing behind. */
    private Mono<Reply> register(Call call) {
        return call.body()
                .map(Registration::parse)
                // The store serialises writers on a monitor; take it off the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(this::store)
                .map(stored -> Reply.ok(InstanceJson.render(stored)));
    }

    /** Checks are validated first (a bad one rejects the request), started once the instance is stored. */
    private ServiceInstance store(Registration.Parsed parsed) {
        if (checks == null) {
            if (!parsed.checks().isEmpty()) {
                throw new io.herald.core.InvalidFieldException("checks", "health checks are not available on this node");
            }
            return store.register(parsed.instance());
        }
        CheckRegistry.Prepared prepared = checks.prepare(parsed.instance(), parsed.checks());
        ServiceInstance stored = store.register(prepared.instance());
        prepared.start().run();
        return stored;
    }

    private Mono<Reply> deregister(Call call) {
        InstanceKey key = new InstanceKey(call.param("env"), call.param("service"), call.param("id"));
        return Mono.fromCallable(() -> {
                    var removed = store.deregister(key);
                    if (removed.isPresent() && checks != null) {
                        checks.remove(key);
                    }
                    return removed;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .map(removed -> removed
                        .map(i -> Reply.ok(InstanceJson.render(i)))
                        .orElseGet(() -> Reply.error(404, "instance " + key + " is not registered on node "
                                + store.localNode() + "; only instances registered here can be removed here")));
    }

    private Mono<Reply> catalog(Call call) {
        Catalog c = store.current();
        List<ServiceInstance> all = c.all();
        all.sort(ORDER);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("version", c.version());
        body.set("instances", InstanceJson.renderAll(all));
        return Mono.just(Reply.ok(body));
    }

    /** Instances DNS may serve (owned by reachable nodes), each with its health. */
    private Mono<Reply> service(Call call) {
        String env = Labels.label("env", call.param("env"));
        String service = Labels.label("service", call.param("service"));
        List<ServiceInstance> found = store.current().visible().stream()
                .filter(i -> i.env().equals(env) && i.service().equals(service))
                .sorted(ORDER)
                .toList();
        if (found.isEmpty()) {
            return Mono.just(Reply.error(404, "no instance of service " + service + " in env " + env));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("env", env);
        body.put("service", service);
        body.set("instances", InstanceJson.renderAll(found));
        return Mono.just(Reply.ok(body));
    }
}
