package io.herald.core.cluster;

import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Cluster membership as the rest of Herald sees it. The gossip-membership module is the only implementation
 * backed by a real protocol; nothing outside it sees the protocol's types.
 */
public interface MembershipSource extends AutoCloseable {

    /** Joins the cluster (or forms one) and starts spreading this node's instances. */
    void start();

    /** The members this node currently knows, including itself. */
    List<Member> members();

    /** Membership changes as they happen. */
    Flux<MemberEvent> events();

    /** Leaves the cluster gracefully: peers drop this node's instances at once instead of waiting for failure detection. */
    @Override
    void close();
}
