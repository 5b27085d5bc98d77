package io.herald.gossip;

import io.atomix.cluster.ClusterMembershipEvent;
import io.atomix.utils.net.Address;
import io.herald.core.CatalogStore;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.herald.core.cluster.Member;
import io.herald.core.cluster.MemberEvent;
import io.herald.core.cluster.MemberState;
import io.herald.core.cluster.MembershipSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Herald's cluster layer: SWIM membership (Atomix) decides who is alive; each node's own instances travel as
 * versioned full snapshots over TCP, pushed to every reachable peer on change and pulled by any peer whose applied
 * version lags the version the owner advertises in its SWIM member properties.
 *
 * <p>Peers' instances are written to the {@link CatalogStore}: a suspected peer's instances are hidden at once
 * ({@code setReachable(false)}), a removed or departed peer's instances are dropped ({@code removeNode}). A
 * graceful {@link #close()} tells every peer directly before stopping, so they drop this node's instances at once
 * instead of after failure detection.
 *
 * <p>All state changes run on one thread per node (the membership loop), so SWIM events, received catalogues and
 * local changes never race.
 */
public final class GossipMembership implements MembershipSource {
    private static final Logger log = LoggerFactory.getLogger(GossipMembership.class);

    static final String PUSH = "herald-catalog-push";
    static final String PULL = "herald-catalog-pull";
    static final String LEAVE = "herald-leave";
    static final String MEMBERS = "herald-members";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final ClusterConfig config;
    private final CatalogStore store;
    private final String node;
    private final String boot = Long.toString(System.currentTimeMillis(), 36) + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final MembershipMetrics metrics;
    private final Sinks.Many<MemberEvent> events = Sinks.many().multicast().directBestEffort();
    private final ScheduledExecutorService loop;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<Map<InstanceKey, ServiceInstance>> latestLocal = new AtomicReference<>(Map.of());
    private final AtomicBoolean publishQueued = new AtomicBoolean();
    private final PeerBook peers = new PeerBook();

    private volatile AtomixNode cluster;
    private volatile Disposable localChanges;
    private volatile byte[] localPayload;
    private volatile String publishProblem;
    private volatile boolean gossipOpen = true;
    // Membership loop only:
    private long localVersion;
    private Map<InstanceKey, ServiceInstance> published = Map.of();

    private GossipMembership(ClusterConfig config, CatalogStore store, MeterRegistry registry) {
        this.config = config;
        this.store = store;
        this.node = store.localNode();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-membership-" + node);
            t.setDaemon(true);
            return t;
        });
        this.metrics = new MembershipMetrics(registry, this::members);
        this.localPayload = CatalogCodec.encode(new CatalogSnapshot(node, boot, 0, List.of()));
    }

    /** Membership for {@code store}'s node; nothing is bound until {@link #start()}. */
    public static GossipMembership create(ClusterConfig config, CatalogStore store) {
        return create(config, store, null);
    }

    /** As {@link #create(ClusterConfig, CatalogStore)}, with metrics registered in {@code registry} (may be null). */
    public static GossipMembership create(ClusterConfig config, CatalogStore store, MeterRegistry registry) {
        return new GossipMembership(config, store, registry);
    }

    // ---- public API ---------------------------------------------------------------------------------------------

    @Override
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("cluster membership of " + node + " was closed; create a new one");
        }
        if (!started.compareAndSet(false, true)) {
            return;
        }
        if (!config.enabled()) {
            log.info("cluster.enabled is false: node {} serves only its own instances", node);
            return;
        }
        Properties props = new Properties();
        new Advert(boot, 0, 0, false).writeTo(props);
        AtomixNode c = AtomixNode.create(config, node, props);
        c.gossip().setOpen(gossipOpen);
        BiConsumer<Address, byte[]> push = (from, bytes) -> applyBytes(bytes, "push from " + from);
        BiFunction<Address, byte[], byte[]> pull = (from, ignored) -> localPayload;
        BiFunction<Address, byte[], byte[]> leave = (from, bytes) -> {
            onLeave(bytes);
            return new byte[0];
        };
        c.messaging().registerHandler(PUSH, push, loop);
        c.messaging().registerHandler(PULL, pull, loop);
        c.messaging().registerHandler(LEAVE, leave, loop);
        BiFunction<Address, byte[], byte[]> swap = (from, bytes) -> {
            meet(MemberDirectory.decode(bytes), "the list of " + from);
            return directory().encode();
        };
        c.messaging().registerHandler(MEMBERS, swap, loop);
        c.getMembershipService().addListener(e -> onLoop(() -> onMembershipEvent(e)));
        // Set before starting: events and requests may arrive while start() is still completing.
        cluster = c;
        try {
            c.start().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            cluster = null;
            stopQuietly(c);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cluster: cannot listen on " + config.advertisedAddress() + ":"
                    + config.port() + " (" + cause + "); check cluster.address and cluster.port", cause);
        }
        localChanges = store.changes()
                .map(catalog -> catalog.ofNode(node))
                // The store hands out the same map while this node's instances are unchanged: compare identity,
                // not 10,000 entries, on every peer's change.
                .distinctUntilChanged(m -> m, (a, b) -> a == b)
                .subscribe(this::onLocalChange);
        Timings t = config.timings();
        try {
            // The first join attempt is made before start() returns, so callers know the seeds were contacted.
            loop.submit(guarded(this::rejoin)).get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("cluster: first contact with seeds {} did not complete: {}", config.join(), e.toString());
        }
        loop.scheduleWithFixedDelay(guarded(this::rejoin), t.rejoinInterval().toMillis(),
                t.rejoinInterval().toMillis(), TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(guarded(this::repair), t.repairInterval().toMillis(),
                t.repairInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("node {} listening for cluster members on {}:{} (profile {}, seeds {})", node,
                config.advertisedAddress(), config.port(), config.profile().configName(), config.join());
    }

    @Override
    public List<Member> members() {
        List<Member> out = new ArrayList<>();
        out.add(new Member(node, config.advertisedAddress() + ":" + config.port(), MemberState.ALIVE,
                store.current().ofNode(node).size(), true));
        Set<String> seen = new HashSet<>();
        seen.add(node);
        AtomixNode c = cluster;
        if (c != null) {
            for (io.atomix.cluster.Member m : c.getMembershipService().getMembers()) {
                if (seen.add(m.id().id())) {
                    out.add(describe(m));
                }
            }
        }
        for (Member gone : peers.departed()) {
            if (seen.add(gone.name())) {
                out.add(gone);
            }
        }
        return out;
    }

    @Override
    public Flux<MemberEvent> events() {
        return events.asFlux();
    }

    /** Instances one node may own; {@link #checkCanRegister} refuses registrations beyond it. */
    public int maxLocalInstances() {
        return CatalogLimits.MAX_INSTANCES;
    }

    /** Encoded catalogue bytes one node may publish. */
    public int maxCatalogBytes() {
        return CatalogLimits.MAX_BYTES;
    }

    /**
     * Throws {@link CatalogFullException} when registering {@code candidate} on this node would exceed what one
     * node can gossip. The API calls this before {@link CatalogStore#register}.
     */
    public void checkCanRegister(ServiceInstance candidate) {
        CatalogLimits.problemAfter(node, boot, store.current().ofNode(node), candidate).ifPresent(p -> {
            throw new CatalogFullException(p);
        });
    }

    /**
     * Why the current local catalogue is not being published (peers keep the last version that fitted), or empty.
     * Only happens when instances were added without {@link #checkCanRegister}.
     */
    public Optional<String> publishProblem() {
        return Optional.ofNullable(publishProblem);
    }

    /** Leaves gracefully: every reachable peer is told first and drops this node's instances at once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Disposable changes = localChanges;
        if (changes != null) {
            changes.dispose();
        }
        AtomixNode c = cluster;
        if (c != null) {
            announceLeave(c);
            stopQuietly(c);
        }
        loop.shutdownNow();
        events.tryEmitComplete();
    }

    /**
     * Drops (false) or sends (true) this node's outgoing UDP gossip, as a congested host would lose it; may be
     * called before {@link #start()} (tests).
     */
    void gossipOpen(boolean open) {
        gossipOpen = open;
        AtomixNode c = cluster;
        if (c != null) {
            c.gossip().setOpen(open);
        }
    }

    /** Completes once every task queued on the membership loop before this call has run (tests). */
    CompletableFuture<Void> drained() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(() -> done.complete(null));
        } catch (RejectedExecutionException closing) {
            done.complete(null);
        }
        return done;
    }

    // ---- local catalogue ----------------------------------------------------------------------------------------

    private void onLocalChange(Map<InstanceKey, ServiceInstance> local) {
        latestLocal.set(local);
        // Changes that arrive while a publish is queued are coalesced into it.
        if (publishQueued.compareAndSet(false, true)) {
            onLoop(this::publishLocal);
        }
    }

    private void publishLocal() {
        publishQueued.set(false);
        Map<InstanceKey, ServiceInstance> local = latestLocal.get();
        if (local.equals(published) || closed.get()) {
            return;
        }
        Optional<String> problem = CatalogLimits.problem(node, boot, local);
        if (problem.isPresent()) {
            if (!problem.get().equals(publishProblem)) {
                log.error("cluster: not publishing node {}'s catalogue, peers keep version {}: {}", node,
                        localVersion, problem.get());
            }
            publishProblem = problem.get();
            metrics.refused();
            return;
        }
        publishProblem = null;
        localVersion++;
        byte[] payload = CatalogCodec.encode(new CatalogSnapshot(node, boot, localVersion, new ArrayList<>(local.values())));
        localPayload = payload;
        published = local;
        AtomixNode c = cluster;
        long version = localVersion;
        new Advert(boot, version, local.size(), false).writeTo(c.getMembershipService().getLocalMember().properties());
        for (io.atomix.cluster.Member m : remoteMembers(c)) {
            if (m.isReachable()) {
                c.messaging().sendAsync(m.address(), PUSH, payload).exceptionally(e -> {
                    // Repair pulls it once the peer sees the advertised version.
                    log.debug("cluster: push of version {} to {} failed: {}", version, m.id(), e.toString());
                    return null;
                });
            }
        }
        metrics.published();
    }

    // ---- peers' catalogues --------------------------------------------------------------------------------------

    private void applyBytes(byte[] bytes, String origin) {
        CatalogSnapshot s;
        try {
            s = CatalogCodec.decode(bytes);
        } catch (RuntimeException e) {
            log.warn("cluster: ignoring malformed catalogue ({}): {}", origin, e.getMessage());
            return;
        }
        apply(s);
    }

    /** Applies a peer's snapshot if it is the incarnation SWIM currently knows and newer than what was applied. */
    private void apply(CatalogSnapshot s) {
        if (s.node().equals(node) || closed.get()) {
            return;
        }
        io.atomix.cluster.Member live = liveMember(s.node());
        Advert advert = live == null ? null : Advert.read(live.properties());
        if (advert == null || !advert.boot().equals(s.boot()) || advert.left() || peers.leftWith(s.node(), s.boot())
                || !peers.isNewer(s)) {
            // Unknown, departed, restarted-but-not-yet-gossiped or stale: repair pulls the right one later.
            return;
        }
        store.replaceNode(s.node(), s.instances());
        peers.applied(s);
        metrics.applied();
        emit(MemberEvent.Type.UPDATED, describe(live));
    }

    private void pull(io.atomix.cluster.Member m) {
        String name = m.id().id();
        if (!peers.startPull(name)) {
            return;
        }
        cluster.messaging().sendAndReceive(m.address(), PULL, new byte[0], config.timings().requestTimeout())
                .whenCompleteAsync((bytes, error) -> {
                    peers.endPull(name);
                    if (error != null) {
                        log.debug("cluster: pulling the catalogue of {} failed, retrying on repair: {}", name,
                                error.toString());
                    } else {
                        applyBytes(bytes, "pull from " + name);
                    }
                }, guardedExecutor());
    }

    // ---- membership ---------------------------------------------------------------------------------------------

    private void onMembershipEvent(ClusterMembershipEvent e) {
        String name = e.subject().id().id();
        if (name.equals(node) || closed.get()) {
            return;
        }
        // Event subjects are copies that always report "unreachable": act on the live member instead.
        io.atomix.cluster.Member live = liveMember(name);
        if (live == null) {
            removed(name, e.subject().address());
            return;
        }
        Advert before = Advert.read(live.properties());
        boolean wasLeft = before != null && peers.leftWith(name, before.boot());
        reconcile(live);
        if (wasLeft || (before != null && before.left())) {
            return;
        }
        switch (e.type()) {
            case MEMBER_ADDED -> emit(MemberEvent.Type.JOINED, describe(live));
            case REACHABILITY_CHANGED -> emit(live.isReachable() ? MemberEvent.Type.REACHABLE : MemberEvent.Type.SUSPECT,
                    describe(live));
            default -> { }
        }
    }

    /** Brings the store in line with SWIM's current view of one live member. */
    private void reconcile(io.atomix.cluster.Member live) {
        String name = live.id().id();
        Advert advert = Advert.read(live.properties());
        if (advert == null) {
            return;
        }
        if (advert.left() || peers.leftWith(name, advert.boot())) {
            markLeft(name, advert.boot(), live.address());
            return;
        }
        peers.rejoined(name, advert.boot());
        store.setReachable(name, live.isReachable());
        if (live.isReachable() && peers.behind(name, advert)) {
            pull(live);
        }
    }

    private void removed(String name, Address address) {
        if (peers.hasLeft(name)) {
            store.removeNode(name);
            return;
        }
        // Member state first, store second: whoever sees the store change must find the member already departed.
        Member gone = new Member(name, text(address), MemberState.FAILED, 0, false);
        boolean first = peers.depart(gone);
        peers.forget(name);
        store.removeNode(name);
        if (first) {
            log.info("cluster: member {} failed and was removed", name);
            emit(MemberEvent.Type.FAILED, gone);
        }
    }

    private void markLeft(String name, String leftBoot, Address address) {
        boolean first = peers.markLeft(name, leftBoot);
        Member gone = new Member(name, text(address), MemberState.LEFT, 0, false);
        boolean newlyDeparted = peers.depart(gone);
        peers.forget(name);
        store.removeNode(name);
        if (newlyDeparted && first) {
            log.info("cluster: member {} left", name);
            emit(MemberEvent.Type.LEFT, gone);
        }
    }

    /**
     * A leave notice: {@code node \n boot \n relayed}. The leaver tells the members it knows; each of them relays
     * the notice once to the members it knows, so a member the leaver never met (it joined moments ago) hears too.
     */
    private void onLeave(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 3 || parts[0].equals(node) || closed.get()) {
            return;
        }
        String leaver = parts[0];
        log.debug("cluster: {} leave notice from {} (boot {})", parts[2], leaver, parts[1]);
        io.atomix.cluster.Member live = liveMember(leaver);
        boolean first = !peers.leftWith(leaver, parts[1]);
        markLeft(leaver, parts[1], live != null ? live.address() : null);
        AtomixNode c = cluster;
        if (first && parts[2].equals("direct") && c != null) {
            byte[] relay = leaveNotice(leaver, parts[1], "relayed");
            for (io.atomix.cluster.Member m : remoteMembers(c)) {
                if (!m.id().id().equals(leaver)) {
                    c.messaging().sendAndReceive(m.address(), LEAVE, relay, config.timings().requestTimeout())
                            .exceptionally(e -> null);
                }
            }
        }
    }

    private static byte[] leaveNotice(String node, String boot, String how) {
        return (node + "\n" + boot + "\n" + how).getBytes(StandardCharsets.UTF_8);
    }

    private void announceLeave(AtomixNode c) {
        CompletableFuture<Void> told = new CompletableFuture<>();
        onLoop(() -> {
            new Advert(boot, localVersion, published.size(), true)
                    .writeTo(c.getMembershipService().getLocalMember().properties());
            byte[] notice = leaveNotice(node, boot, "direct");
            List<CompletableFuture<byte[]>> acks = new ArrayList<>();
            for (Address to : leaveTargets(c)) {
                acks.add(c.messaging().sendAndReceive(to, LEAVE, notice, config.timings().requestTimeout()));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                long acked = acks.stream().filter(f -> !f.isCompletedExceptionally()).count();
                log.info("node {} leaves the cluster: {} of {} members and seeds acknowledged", node, acked, acks.size());
                told.complete(null);
            });
        });
        try {
            told.get(config.timings().requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("cluster: not every member acknowledged that {} leaves; they will detect it as failed", node);
        }
    }

    /**
     * Every member this node knows, suspected ones included (a freshly started node may falsely suspect its seed),
     * plus the seeds: whoever gets the notice relays it, so it also reaches members this node never met.
     */
    private List<Address> leaveTargets(AtomixNode c) {
        Map<InetSocketAddress, Address> targets = new java.util.LinkedHashMap<>();
        for (io.atomix.cluster.Member m : remoteMembers(c)) {
            targets.putIfAbsent(new InetSocketAddress(m.address().address(), m.address().port()), m.address());
        }
        InetSocketAddress self = new InetSocketAddress(config.address(), config.port());
        for (Seed seed : config.join()) {
            InetSocketAddress a = new InetSocketAddress(seed.host(), seed.port());
            if (!a.isUnresolved() && !a.equals(self)) {
                targets.putIfAbsent(a, new Address(seed.host(), seed.port(), a.getAddress()));
            }
        }
        return new ArrayList<>(targets.values());
    }

    /**
     * Joins seeds that are not members (at start, and periodically so a healed partition reconverges), then swaps
     * member lists with one random member so members that lost each other's gossip meet.
     */
    private void rejoin() {
        AtomixNode c = cluster;
        if (c == null || closed.get()) {
            return;
        }
        exchangeMembers(c);
        if (config.join().isEmpty()) {
            return;
        }
        Set<InetSocketAddress> members = new HashSet<>();
        for (io.atomix.cluster.Member m : c.getMembershipService().getMembers()) {
            members.add(new InetSocketAddress(m.address().address(), m.address().port()));
        }
        List<Address> missing = new ArrayList<>();
        for (Seed seed : config.join()) {
            InetSocketAddress a = new InetSocketAddress(seed.host(), seed.port());
            if (a.isUnresolved()) {
                log.warn("cluster: seed {} does not resolve; retrying in {}", seed, config.timings().rejoinInterval());
            } else if (!members.contains(a)) {
                missing.add(new Address(seed.host(), seed.port(), a.getAddress()));
            }
        }
        if (!missing.isEmpty()) {
            log.debug("cluster: contacting seeds {}", missing);
            c.seeds().contact(missing);
        }
    }

    /** Push/pull: sends this node's member list to one random reachable member and meets the strangers in its reply. */
    private void exchangeMembers(AtomixNode c) {
        List<io.atomix.cluster.Member> reachable = new ArrayList<>();
        for (io.atomix.cluster.Member m : remoteMembers(c)) {
            if (m.isReachable()) {
                reachable.add(m);
            }
        }
        if (reachable.isEmpty()) {
            return;
        }
        io.atomix.cluster.Member peer = reachable.get(ThreadLocalRandom.current().nextInt(reachable.size()));
        c.messaging().sendAndReceive(peer.address(), MEMBERS, directory().encode(), config.timings().requestTimeout())
                .whenCompleteAsync((bytes, error) -> {
                    if (error != null) {
                        log.debug("cluster: member list exchange with {} failed: {}", peer.id(), error.toString());
                    } else {
                        meet(MemberDirectory.decode(bytes), "the list of " + peer.id().id());
                    }
                }, guardedExecutor());
    }

    /** Contacts every member of {@code theirs} this node has not met; SWIM adds each one that answers its probe. */
    private void meet(MemberDirectory theirs, String source) {
        AtomixNode c = cluster;
        if (c == null || closed.get()) {
            return;
        }
        Set<String> known = new HashSet<>();
        known.add(node);
        for (io.atomix.cluster.Member m : c.getMembershipService().getMembers()) {
            known.add(m.id().id());
        }
        InetSocketAddress self = new InetSocketAddress(config.address(), config.port());
        List<Address> strangers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (MemberDirectory.Entry e : theirs.entries()) {
            Address a = e.address();
            if (known.add(e.name()) && !self.equals(new InetSocketAddress(a.address(), a.port()))) {
                strangers.add(a);
                names.add(e.name());
            }
        }
        if (!strangers.isEmpty()) {
            log.info("cluster: {} names members node {} had not met, contacting them: {}", source, node, names);
            metrics.introduced(strangers.size());
            c.seeds().contact(strangers);
        }
    }

    /** This node's view for a member list exchange: itself and every member it knows, suspected ones included. */
    private MemberDirectory directory() {
        AtomixNode c = cluster;
        return c == null ? new MemberDirectory(List.of()) : MemberDirectory.of(c.getMembershipService().getMembers());
    }

    /** Re-checks every live member (lost pushes, failed pulls) and drops nodes SWIM no longer lists. */
    private void repair() {
        AtomixNode c = cluster;
        if (c == null || closed.get()) {
            return;
        }
        Set<String> live = new HashSet<>();
        for (io.atomix.cluster.Member m : remoteMembers(c)) {
            live.add(m.id().id());
            reconcile(m);
        }
        Set<String> stored = new HashSet<>(store.current().byNode().keySet());
        stored.addAll(store.current().unreachable());
        stored.remove(node);
        stored.removeAll(live);
        for (String gone : stored) {
            log.debug("cluster: dropping instances of {}, no longer a member", gone);
            store.removeNode(gone);
            peers.forget(gone);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Member describe(io.atomix.cluster.Member m) {
        String name = m.id().id();
        Advert advert = Advert.read(m.properties());
        MemberState state = advert != null && (advert.left() || peers.leftWith(name, advert.boot()))
                ? MemberState.LEFT
                : m.isReachable() ? MemberState.ALIVE : MemberState.SUSPECT;
        return new Member(name, text(m.address()), state, store.current().ofNode(name).size(), false);
    }

    private List<io.atomix.cluster.Member> remoteMembers(AtomixNode c) {
        List<io.atomix.cluster.Member> out = new ArrayList<>();
        for (io.atomix.cluster.Member m : c.getMembershipService().getMembers()) {
            if (!m.id().id().equals(node)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The live (not removed) SWIM member with this name, or null. */
    private io.atomix.cluster.Member liveMember(String name) {
        AtomixNode c = cluster;
        if (c == null) {
            return null;
        }
        for (io.atomix.cluster.Member m : c.getMembershipService().getMembers()) {
            if (m.id().id().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private void emit(MemberEvent.Type type, Member m) {
        events.tryEmitNext(new MemberEvent(type, m));
    }

    private static String text(Address a) {
        if (a == null) {
            return "";
        }
        return a.host().indexOf(':') >= 0 ? "[" + a.host() + "]:" + a.port() : a.host() + ":" + a.port();
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(guarded(task));
        } catch (RejectedExecutionException closing) {
            // The node is closing; nothing left to update.
        }
    }

    private java.util.concurrent.Executor guardedExecutor() {
        return this::onLoop;
    }

    /** A failing task must not kill the loop's periodic work; log it and carry on. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("cluster: membership task of {} failed", node, e);
            }
        };
    }

    private static void stopQuietly(AtomixNode c) {
        try {
            c.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("cluster: stopping the cluster listener did not complete: {}", e.toString());
        }
    }
}
