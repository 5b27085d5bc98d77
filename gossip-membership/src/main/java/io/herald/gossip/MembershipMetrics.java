package io.herald.gossip;

import io.herald.core.MetricNames;
import io.herald.core.cluster.Member;
import io.herald.core.cluster.MemberState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link MetricNames#MEMBERS} (gauge per member state) and {@link MetricNames#GOSSIP_UPDATES} (counter per kind:
 * {@code published} local catalogue versions, {@code applied} peer catalogues, {@code refused} local catalogues
 * over the size limit) and {@link MetricNames#MEMBER_INTRODUCTIONS}. Without a registry every call is a no-op.
 */
final class MembershipMetrics {
    private final Counter published;
    private final Counter applied;
    private final Counter refused;
    private final Counter introduced;

    MembershipMetrics(MeterRegistry registry, Supplier<List<Member>> members) {
        if (registry == null) {
            published = applied = refused = introduced = null;
            return;
        }
        for (MemberState state : MemberState.values()) {
            Gauge.builder(MetricNames.MEMBERS, members, m -> m.get().stream().filter(x -> x.state() == state).count())
                    .description("cluster members known to this node, by state")
                    // the supplier is a method reference nobody else holds: a weak reference would read NaN after GC
                    .strongReference(true)
                    .tag(MetricNames.TAG_STATE, state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        published = counter(registry, "published");
        applied = counter(registry, "applied");
        refused = counter(registry, "refused");
        introduced = Counter.builder(MetricNames.MEMBER_INTRODUCTIONS)
                .description("members a member-list exchange named that this node had not met (lost gossip)")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String kind) {
        return Counter.builder(MetricNames.GOSSIP_UPDATES)
                .description("catalogue versions published by this node, applied from peers, or refused as too large")
                .tag(MetricNames.TAG_KIND, kind)
                .register(registry);
    }

    void published() {
        if (published != null) {
            published.increment();
        }
    }

    void applied() {
        if (applied != null) {
            applied.increment();
        }
    }

    void refused() {
        if (refused != null) {
            refused.increment();
        }
    }

    void introduced(int count) {
        if (introduced != null) {
            introduced.increment(count);
        }
    }
}
