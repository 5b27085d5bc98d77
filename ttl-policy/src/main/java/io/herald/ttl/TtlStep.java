package io.herald.ttl;

import java.time.Instant;
import java.util.Set;

/** Emitted on {@link TtlPolicy#changes()} when adaptive TTLs of some services changed without a catalogue change. */
public record TtlStep(Instant at, Set<ServiceName> services) {
    public TtlStep {
        services = Set.copyOf(services);
    }
}
