package io.herald.app;

import io.herald.core.CatalogStore;
import io.herald.dns.DnsServer;
import io.herald.gossip.GossipMembership;
import io.herald.health.CheckSpec;
import io.herald.health.HealthChecker;
import io.herald.http.HttpApi;
import io.herald.ttl.DetectionTime;
import io.herald.ttl.RuleBasedTtlPolicy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/** One running Herald: the catalogue, the DNS server and the HTTP API wired from a {@link HeraldConfig}. */
public final class HeraldNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeraldNode.class);

    private final HeraldConfig config;
    private final CatalogStore store;
    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private DnsServer dns;
    private HttpApi http;
    private GossipMembership membership;
    private HealthChecker checker;
    private volatile boolean ready;

    private HeraldNode(HeraldConfig config) {
        this.config = config;
        this.store = new CatalogStore(config.node().name());
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** Starts every part; on failure, whatever was started is stopped again and the error is rethrown. */
    public static HeraldNode start(HeraldConfig config) {
        HeraldNode node = new HeraldNode(config);
        try {
            node.startParts();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void startParts() {
        RuleBasedTtlPolicy ttl = RuleBasedTtlPolicy.create(config.ttl(), detectionTime(config));
        Disposable observe = store.changes().subscribe(ttl::observe);
        closeables.add(observe::dispose);
        if (config.cluster().enabled()) {
            membership = GossipMembership.create(config.cluster(), store, registry);
        }
        checker = HealthChecker.create(config.health(), store, registry);
        closeables.add(checker);
        Registrations registrations = new Registrations(store, membership, checker);
        http = HttpApi.start(config.http(), store, registry, new HttpApi.Hooks(() -> ready,
                membership == null ? List::of : membership::members, checker::heartbeat, registrations));
        closeables.add(http);
        for (ServiceSpecs.Spec s : config.services()) {
            registrations.register(s.instance(), s.checks());
        }
        if (config.demo()) {
            Demo.instances(http.port()).forEach(i -> registrations.register(i, List.of()));
        }
        dns = DnsServer.start(config.dns(), config.forward(), config.naming(), ttl, store, registry);
        closeables.add(dns);
        if (membership != null) {
            // Joined last: peers learn of this node once it can answer. Closed first: leaving is announced
            // before anything else stops.
            membership.start();
            closeables.add(membership);
        }
        ready = true;
        log.info("Herald node {} serving DNS on {}:{} (udp+tcp) for {}, HTTP API on {}:{}, forwarding {}, cluster {}",
                store.localNode(), config.dns().address().getHostAddress(), dns.port(), config.naming().domain(),
                config.http().address().getHostAddress(), http.port(),
                config.forward().enabled() ? "to " + config.forward().upstreams() : "off",
                membership == null ? "off" : config.cluster().address().getHostAddress() + ":" + config.cluster().port()
                        + " joining " + config.cluster().join());
    }

    /**
     * What the staleness budget must allow for: a default health check going critical, plus the cluster noticing
     * a dead node (zero on a single node).
     */
    static DetectionTime detectionTime(HeraldConfig config) {
        Duration membership = config.cluster().enabled() ? config.cluster().timings().suspicionTime() : Duration.ZERO;
        return new DetectionTime(CheckSpec.DEFAULT_INTERVAL, CheckSpec.DEFAULT_FALL, CheckSpec.DEFAULT_TIMEOUT, membership);
    }

    public CatalogStore store() {
        return store;
    }

    public int dnsPort() {
        return dns.port();
    }

    public int httpPort() {
        return http.port();
    }

    /** The cluster view, when clustering is on. */
    public java.util.Optional<GossipMembership> membership() {
        return java.util.Optional.ofNullable(membership);
    }

    public HealthChecker healthChecker() {
        return checker;
    }

    public boolean ready() {
        return ready;
    }

    @Override
    public void close() {
        ready = false;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", closeables.get(i), e.toString());
            }
        }
        closeables.clear();
    }
}
