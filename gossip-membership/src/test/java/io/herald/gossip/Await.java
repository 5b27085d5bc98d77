package io.herald.gossip;

import io.herald.core.Catalog;
import io.herald.core.CatalogStore;
import io.herald.core.ServiceInstance;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Waits on a store's change stream (no polling) and fails with what was last seen. */
final class Await {
    private Await() {}

    static Catalog catalog(CatalogStore store, Duration within, String what, Predicate<Catalog> condition) {
        try {
            Catalog c = store.changes().filter(condition).next().block(within);
            if (c == null) {
                throw new AssertionError(store.localNode() + ": change stream ended before " + what);
            }
            return c;
        } catch (IllegalStateException timeout) {
            throw new AssertionError(store.localNode() + " did not see " + what + " within " + within.toMillis()
                    + " ms; it sees " + summary(visible(store.current())) + ", unreachable "
                    + store.current().unreachable() + ", nodes " + store.current().byNode().keySet());
        }
    }

    private static String summary(Set<String> visible) {
        return visible.size() <= 20 ? visible.toString()
                : visible.size() + " instances starting " + visible.stream().limit(20).toList();
    }

    /** Node/id of every instance the catalogue would serve. */
    static Set<String> visible(Catalog c) {
        Set<String> out = new TreeSet<>();
        for (ServiceInstance i : c.visible()) {
            out.add(i.node() + "/" + i.id());
        }
        return out;
    }
}
