package io.herald.health;

import io.herald.core.Health;
import io.herald.core.InstanceKey;
import java.util.List;

/** The checks of one instance; its health is the worst of theirs. */
final class WatchedInstance {
    final InstanceKey key;
    /** The address and port the checks' targets were resolved against. */
    final String where;
    final List<CheckSpec> specs;
    final List<WatchedCheck> checks;
    private volatile boolean active = true;
    private volatile Health published;

    WatchedInstance(InstanceKey key, String where, List<CheckSpec> specs, List<WatchedCheck> checks) {
        this.key = key;
        this.where = where;
        this.specs = List.copyOf(specs);
        this.checks = List.copyOf(checks);
    }

    Health aggregate() {
        Health worst = Health.PASSING;
        for (WatchedCheck c : checks) {
            worst = worst.worse(c.reported());
        }
        return worst;
    }

    boolean active() {
        return active;
    }

    void deactivate() {
        active = false;
    }

    Health published() {
        return published;
    }

    void published(Health h) {
        published = h;
    }

    List<String> ids() {
        return checks.stream().map(c -> c.id).toList();
    }
}
