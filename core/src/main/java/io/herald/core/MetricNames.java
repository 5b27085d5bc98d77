package io.herald.core;

/** Every metric name Herald exports, in one place (Prometheus renders dots as underscores). */
public final class MetricNames {
    private MetricNames() {}

    public static final String DNS_QUERIES = "herald.dns.queries";
    public static final String DNS_QUERY_LATENCY = "herald.dns.query.latency";
    public static final String DNS_MALFORMED = "herald.dns.malformed";
    public static final String DNS_TRUNCATED = "herald.dns.truncated";
    public static final String DNS_INDEX_REBUILDS = "herald.dns.index.rebuilds";
    public static final String DNS_INDEX_REBUILD_TIME = "herald.dns.index.rebuild.time";
    public static final String FORWARD_QUERIES = "herald.forward.queries";
    public static final String FORWARD_CACHE = "herald.forward.cache";
    public static final String INSTANCES = "herald.instances";
    public static final String HTTP_REQUESTS = "herald.http.requests";
    public static final String CHECKS = "herald.health.checks";
    public static final String CHECK_LATENCY = "herald.health.check.latency";
    public static final String CHECK_LAG = "herald.health.check.lag";
    public static final String CHECK_FLAPS = "herald.health.flaps";
    public static final String CHECKS_IN_FLIGHT = "herald.health.checks.in.flight";
    public static final String CHECK_SOCKETS = "herald.health.sockets.open";
    public static final String HEALTH_INSTANCES = "herald.health.instances";
    public static final String HEALTH_DEREGISTRATIONS = "herald.health.deregistrations";
    public static final String MEMBERS = "herald.cluster.members";
    public static final String GOSSIP_UPDATES = "herald.cluster.updates";
    /** Members a member-list exchange named that this node had not met (lost gossip being repaired). */
    public static final String MEMBER_INTRODUCTIONS = "herald.cluster.introductions";

    public static final String TAG_TYPE = "type";
    public static final String TAG_RCODE = "rcode";
    public static final String TAG_TRANSPORT = "transport";
    public static final String TAG_HEALTH = "health";
    public static final String TAG_RESULT = "result";
    public static final String TAG_KIND = "kind";
    public static final String TAG_STATE = "state";
    public static final String TAG_ROUTE = "route";
    public static final String TAG_METHOD = "method";
    public static final String TAG_STATUS = "status";
}
