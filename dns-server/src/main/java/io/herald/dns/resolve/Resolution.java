package io.herald.dns.resolve;

import java.util.List;

/**
 * The resolver's verdict for one question: outcome plus the three record sections. Negative answers carry the
 * zone's SOA in {@code authority} (RFC 2308); SRV answers carry their targets' addresses in {@code additional}.
 */
public record Resolution(Outcome outcome, List<Rr> answer, List<Rr> authority, List<Rr> additional) {
    public Resolution {
        answer = List.copyOf(answer);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    public static Resolution of(Outcome outcome) {
        return new Resolution(outcome, List.of(), List.of(), List.of());
    }

    public static Resolution negative(Outcome outcome, Rr.Soa soa) {
        return new Resolution(outcome, List.of(), List.of(soa), List.of());
    }

    public boolean authoritative() {
        return outcome == Outcome.ANSWER || outcome == Outcome.NODATA || outcome == Outcome.NXDOMAIN;
    }
}
