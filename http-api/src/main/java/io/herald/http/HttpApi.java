package io.herald.http;

import io.herald.core.CatalogStore;
import io.herald.core.InvalidFieldException;
import io.herald.core.cluster.Member;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Herald's HTTP API: registration, catalogue reads, cluster members, TTL heartbeats, health, readiness and
 * Prometheus metrics, served by Reactor Netty. Handlers never block an event loop: catalogue writes and
 * application hooks run on the bounded elastic scheduler, reads use the store's lock-free snapshot.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** Request bodies above this are refused with 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Extension points the application supplies; each may be null.
     *
     * @param ready   readiness for {@code /ready}; must answer at once. Null: ready while serving
     * @param members cluster view for {@code /v1/members}. Null: an empty list (no cluster configured)
     * @param checks  TTL heartbeat receiver for {@code /v1/checks/...}. Null: every check is unknown (404)
     * @param registry receives the checks declared with registrations. Null: registrations with checks get 400
     */
    public record Hooks(BooleanSupplier ready, Supplier<List<Member>> members, CheckUpdater checks,
                        CheckRegistry registry) {
        public Hooks(BooleanSupplier ready, Supplier<List<Member>> members, CheckUpdater checks) {
            this(ready, members, checks, null);
        }

        public static Hooks none() {
            return new Hooks(null, null, null, null);
        }
    }

    private final DisposableServer server;
    private final HttpMetrics metrics;

    private HttpApi(DisposableServer server, HttpMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
    }

    /** Binds (blocking until bound or failed) and starts serving. */
    public static HttpApi start(HttpConfig config, CatalogStore store, PrometheusMeterRegistry registry, Hooks hooks) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(registry, "registry");
        Hooks h = hooks == null ? Hooks.none() : hooks;
        List<Route> routes = new ArrayList<>();
        routes.addAll(new InstanceRoutes(store, h.registry()).routes());
        routes.addAll(new ClusterRoutes(h.members(), h.checks()).routes());
        routes.addAll(new OpsRoutes(registry, h.ready()).routes());
        RouteTable table = new RouteTable(routes);
        HttpMetrics metrics = new HttpMetrics(registry);
        InetSocketAddress bind = new InetSocketAddress(config.address(), config.port());
        DisposableServer server;
        try {
            server = HttpServer.create()
                    .bindAddress(() -> bind)
                    .idleTimeout(IDLE_TIMEOUT)
                    .handle((req, res) -> serve(table, metrics, req, res))
                    .bindNow();
        } catch (RuntimeException e) {
            throw new IllegalStateException("http.address/http.port: cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        metrics.bindInstanceGauges(store);
        LOG.info("HTTP API listening on {}", server.address());
        return new HttpApi(server, metrics);
    }

    private static Mono<Void> serve(RouteTable table, HttpMetrics metrics, HttpServerRequest req, HttpServerResponse res) {
        String method = req.method().name();
        RouteTable.Dispatch d = table.resolve(method, req.uri());
        return Mono.defer(() -> d.handler().handle(new Call(req, d.params())))
                .onErrorResume(HttpApi::errorReply)
                .switchIfEmpty(Mono.fromSupplier(() -> Reply.error(500, "internal error: no reply")))
                .flatMap(reply -> {
                    metrics.request(d.route(), method, reply.status());
                    return write(res, reply);
                });
    }

    private static Mono<Reply> errorReply(Throwable e) {
        if (e instanceof InvalidFieldException) {
            return Mono.just(Reply.error(400, e.getMessage()));
        }
        if (e instanceof PayloadTooLargeException) {
            // The rest of the body is not read; closing tells the client not to reuse the connection.
            return Mono.just(Reply.error(413, e.getMessage()).withHeader(HttpHeaderNames.CONNECTION.toString(), "close"));
        }
        LOG.warn("HTTP API request failed", e);
        return Mono.just(Reply.error(500, "internal error: " + e.getClass().getSimpleName()));
    }

    private static Mono<Void> write(HttpServerResponse res, Reply reply) {
        res.status(reply.status())
                .header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(reply.body().length));
        reply.headers().forEach(res::header);
        if ("close".equals(reply.headers().get(HttpHeaderNames.CONNECTION.toString()))) {
            res.keepAlive(false);
        }
        return res.sendByteArray(Mono.just(reply.body())).then();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.port();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.address();
    }

    /** Stops accepting, closes connections and waits for that; unregisters this API's gauges. */
    @Override
    public void close() {
        try {
            server.disposeNow();
        } finally {
            metrics.close();
        }
    }
}
