package io.herald.gossip;

import io.herald.core.cluster.Member;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows about each peer beyond SWIM's view: which catalogue version it applied, which peers
 * announced a leave (per boot, so a restart with the same name is welcome again) and which departed recently.
 * Written only by the membership loop; {@link #departed()} and {@link #hasLeft} are also read by other threads.
 */
final class PeerBook {
    private static final int MAX_DEPARTED = 128;

    private record Applied(String boot, long version) {}

    private final Map<String, Applied> applied = new HashMap<>();
    private final Set<String> pulling = new HashSet<>();
    private final Map<String, String> leftBoots = new ConcurrentHashMap<>();
    private final Map<String, Member> departed = new LinkedHashMap<>();

    /** Whether the advertised catalogue is newer than what this node applied for that peer. */
    boolean behind(String node, Advert advert) {
        Applied a = applied.get(node);
        return a == null || !a.boot().equals(advert.boot()) || a.version() < advert.version();
    }

    /** Whether {@code s} is newer than what was applied (same boot and higher version, or a boot not yet applied). */
    boolean isNewer(CatalogSnapshot s) {
        Applied a = applied.get(s.node());
        return a == null || !a.boot().equals(s.boot()) || a.version() < s.version();
    }

    void applied(CatalogSnapshot s) {
        applied.put(s.node(), new Applied(s.boot(), s.version()));
    }

    void forget(String node) {
        applied.remove(node);
    }

    /** Marks a pull in flight; false when one already is. */
    boolean startPull(String node) {
        return pulling.add(node);
    }

    void endPull(String node) {
        pulling.remove(node);
    }

    /** Records a leave of this boot; true the first time. */
    boolean markLeft(String node, String boot) {
        return !boot.equals(leftBoots.put(node, boot));
    }

    boolean leftWith(String node, String boot) {
        return boot.equals(leftBoots.get(node));
    }

    boolean hasLeft(String node) {
        return leftBoots.containsKey(node);
    }

    /** A peer seen with a boot other than the one that left: it restarted and is a member again. */
    void rejoined(String node, String boot) {
        leftBoots.computeIfPresent(node, (n, b) -> b.equals(boot) ? b : null);
        synchronized (departed) {
            departed.remove(node);
        }
    }

    /** Records a departed member; false when it was already recorded in the same state. */
    boolean depart(Member m) {
        synchronized (departed) {
            Member old = departed.remove(m.name());
            departed.put(m.name(), m);
            if (departed.size() > MAX_DEPARTED) {
                departed.remove(departed.keySet().iterator().next());
            }
            return old == null || old.state() != m.state();
        }
    }

    List<Member> departed() {
        synchronized (departed) {
            return List.copyOf(departed.values());
        }
    }
}
