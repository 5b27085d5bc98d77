package io.herald.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Mono;

/** Liveness, readiness and Prometheus metrics for orchestrators and scrapers. */
final class OpsRoutes {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;

    /** @param ready null means ready as soon as the API serves */
    OpsRoutes(PrometheusMeterRegistry registry, BooleanSupplier ready) {
        this.registry = registry;
        this.ready = ready;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/health", call -> Mono.just(status(200, "ok"))),
                new Route("GET", "/ready", call -> Mono.just(readiness())),
                new Route("GET", "/metrics", call -> Mono.fromCallable(
                        () -> Reply.text(200, PROMETHEUS_TEXT, registry.scrape()))));
    }

    private Reply readiness() {
        return ready == null || ready.getAsBoolean() ? status(200, "ready") : status(503, "starting");
    }

    private static Reply status(int code, String status) {
        return Reply.json(code, Json.MAPPER.createObjectNode().put("status", status));
    }
}
