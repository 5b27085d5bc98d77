package io.herald.ttl;

import reactor.core.publisher.Flux;

/**
 * Decides the TTLs Herald hands out. The DNS layer asks it while building each record-set snapshot, never per
 * query, so implementations may do real work; when their answers change without a catalogue change (an adaptive
 * TTL stepping up), they signal it on {@link #changes()} and the DNS layer rebuilds.
 */
public interface TtlPolicy {

    /** TTL in seconds for positive answers about a service (A, AAAA, SRV, PTR of its instances). */
    int answerTtl(String env, String service);

    /** Negative-caching TTL in seconds (the SOA minimum, RFC 2308) for names of an environment's zone. */
    int negativeTtl(String env);

    /** TTL of the NODATA answer for a known service that has no healthy instance right now. */
    int noHealthyTtl(String env, String service);

    /** Emits whenever answers of this policy may have changed without a catalogue change. */
    default Flux<Object> changes() {
        return Flux.never();
    }

    /** A policy with one TTL for everything; for tests and the simplest deployments. */
    static TtlPolicy fixed(int answerTtl, int negativeTtl) {
        return new TtlPolicy() {
            @Override
            public int answerTtl(String env, String service) {
                return answerTtl;
            }

            @Override
            public int negativeTtl(String env) {
                return negativeTtl;
            }

            @Override
            public int noHealthyTtl(String env, String service) {
                return Math.min(answerTtl, negativeTtl);
            }
        };
    }
}
