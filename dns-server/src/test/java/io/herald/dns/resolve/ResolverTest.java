package io.herald.dns.resolve;

import static io.herald.dns.Fixtures.instance;
import static io.herald.dns.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.naming.NamingConfig;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.dns.Fixtures;
import io.herald.dns.index.ZoneIndex;
import io.herald.dns.index.ZoneIndexBuilder;
import io.herald.ttl.TtlPolicy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Name resolution as a pure function: catalogue in, records out, no sockets. */
class ResolverTest {
    private static final TtlPolicy TTL = new TtlPolicy() {
        @Override
        public int answerTtl(String env, String service) {
            return service.equals("db") ? 2 : 5;
        }

        @Override
        public int negativeTtl(String env) {
            return env.equals("qa") ? 7 : 30;
        }

        @Override
        public int noHealthyTtl(String env, String service) {
            return 1;
        }
    };

    private static ZoneIndex index(NamingConfig naming, CatalogStore store) {
        return new ZoneIndexBuilder(naming, TTL, List.of(ip("127.0.0.1")), 1000).build(store.current());
    }

    private static final ZoneIndex DEFAULT = index(NamingConfig.defaults(), Fixtures.store());

    static Stream<Arguments> table() {
        return Stream.of(
                // name, type, outcome, answer count, additional count
                Arguments.of("web.prod.service", RrTypes.A, Outcome.ANSWER, 2, 0),
                Arguments.of("web.service", RrTypes.A, Outcome.ANSWER, 2, 0),
                Arguments.of("web.prod.service", RrTypes.SRV, Outcome.ANSWER, 2, 2),
                Arguments.of("_web._tcp.prod.service", RrTypes.SRV, Outcome.ANSWER, 2, 2),
                Arguments.of("_web._udp.prod.service", RrTypes.SRV, Outcome.ANSWER, 2, 2),
                Arguments.of("v2.web.prod.service", RrTypes.A, Outcome.ANSWER, 1, 0),
                Arguments.of("v1.web.prod.service", RrTypes.SRV, Outcome.ANSWER, 1, 1),
                Arguments.of("web-1.web.prod.service", RrTypes.A, Outcome.ANSWER, 1, 0),
                Arguments.of("web-3.web.prod.service", RrTypes.A, Outcome.NXDOMAIN, 0, 0),
                Arguments.of("web.dev.service", RrTypes.A, Outcome.ANSWER, 1, 0),
                Arguments.of("web.prod.service", RrTypes.AAAA, Outcome.NODATA, 0, 0),
                Arguments.of("web.prod.service", 16 /* TXT */, Outcome.NODATA, 0, 0),
                Arguments.of("v6.prod.service", RrTypes.AAAA, Outcome.ANSWER, 1, 0),
                Arguments.of("v6.prod.service", RrTypes.A, Outcome.NODATA, 0, 0),
                Arguments.of("api.prod.service", RrTypes.A, Outcome.ANSWER, 1, 0),
                Arguments.of("db.prod.service", RrTypes.A, Outcome.NODATA, 0, 0),
                Arguments.of("nope.prod.service", RrTypes.A, Outcome.NXDOMAIN, 0, 0),
                Arguments.of("prod.service", RrTypes.A, Outcome.NODATA, 0, 0),
                Arguments.of("_tcp.prod.service", RrTypes.SRV, Outcome.NODATA, 0, 0),
                Arguments.of("service", RrTypes.SOA, Outcome.ANSWER, 1, 0),
                Arguments.of("service", RrTypes.NS, Outcome.ANSWER, 1, 1),
                Arguments.of("ns.service", RrTypes.A, Outcome.ANSWER, 1, 0),
                Arguments.of("service", RrTypes.A, Outcome.NODATA, 0, 0),
                Arguments.of("web.prod.service", RrTypes.ANY, Outcome.ANSWER, 1, 0),
                Arguments.of("web.prod.service", 48 /* DNSKEY */, Outcome.NODATA, 0, 0),
                Arguments.of("web.prod.service", 43 /* DS */, Outcome.NODATA, 0, 0),
                Arguments.of("service", RrTypes.AXFR, Outcome.REFUSED, 0, 0),
                Arguments.of("11.0.18.198.in-addr.arpa", RrTypes.PTR, Outcome.ANSWER, 1, 0),
                Arguments.of("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", RrTypes.PTR,
                        Outcome.ANSWER, 1, 0),
                Arguments.of("example.org", RrTypes.A, Outcome.FORWARD, 0, 0),
                Arguments.of("99.0.18.198.in-addr.arpa", RrTypes.PTR, Outcome.FORWARD, 0, 0));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("table")
    void resolvesTable(String name, int type, Outcome outcome, int answers, int additional) {
        Resolution r = Resolver.resolve(DEFAULT, name, type, 0, true);
        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.answer()).hasSize(answers);
        assertThat(r.additional()).hasSize(additional);
        if (outcome == Outcome.NXDOMAIN || outcome == Outcome.NODATA) {
            assertThat(r.authority()).singleElement().isInstanceOf(Rr.Soa.class);
        } else {
            assertThat(r.authority()).isEmpty();
        }
    }

    @Test
    void criticalInstancesAreNeverServed() {
        Resolution r = Resolver.resolve(DEFAULT, "web.prod.service", RrTypes.A, 0, true);
        assertThat(r.answer()).extracting(rr -> ((Rr.A) rr).address().getHostAddress())
                .containsExactlyInAnyOrder("198.18.0.11", "198.18.0.12");
    }

    @Test
    void srvCarriesPortsTargetsAndGlue() {
        Resolution r = Resolver.resolve(DEFAULT, "_web._tcp.prod.service", RrTypes.SRV, 0, true);
        assertThat(r.answer()).extracting(rr -> ((Rr.Srv) rr).target())
                .containsExactly("web-1.web.prod.service", "web-2.web.prod.service");
        assertThat(r.answer()).extracting(rr -> ((Rr.Srv) rr).port()).containsExactly(8080, 8081);
        assertThat(r.additional()).extracting(Rr::name).containsExactly("web-1.web.prod.service", "web-2.web.prod.service");
        assertThat(r.answer()).allMatch(rr -> rr.ttl() == 5);
    }

    @Test
    void rotationSpreadsTheFirstAnswer() {
        String first0 = ((Rr.A) Resolver.resolve(DEFAULT, "web.prod.service", RrTypes.A, 0, true).answer().get(0))
                .address().getHostAddress();
        String first1 = ((Rr.A) Resolver.resolve(DEFAULT, "web.prod.service", RrTypes.A, 1, true).answer().get(0))
                .address().getHostAddress();
        assertThat(first0).isNotEqualTo(first1);
    }

    @Test
    void knownServiceWithoutHealthyInstanceIsNodataWithShortNegativeTtl() {
        Resolution r = Resolver.resolve(DEFAULT, "db.prod.service", RrTypes.A, 0, true);
        Rr.Soa soa = (Rr.Soa) r.authority().get(0);
        assertThat(soa.minimum()).isEqualTo(1);
        assertThat(soa.ttl()).isEqualTo(1);
    }

    @Test
    void nxdomainCarriesZoneSoaWithNegativeTtl() {
        Resolution r = Resolver.resolve(DEFAULT, "nope.prod.service", RrTypes.A, 0, true);
        Rr.Soa soa = (Rr.Soa) r.authority().get(0);
        assertThat(soa.name()).isEqualTo("service");
        assertThat(soa.minimum()).isEqualTo(30);
        assertThat(soa.mname()).isEqualTo("ns.service");
    }

    @Test
    void outsideZonesIsRefusedWhenForwardingIsNotAllowed() {
        assertThat(Resolver.resolve(DEFAULT, "example.org", RrTypes.A, 0, false).outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void warningInstancesServedOnlyWithoutPassingOnes() {
        CatalogStore store = Fixtures.store();
        store.register(instance("api", "prod", "api-2", "198.18.0.32", 9000, Health.PASSING));
        ZoneIndex idx = index(NamingConfig.defaults(), store);
        Resolution r = Resolver.resolve(idx, "api.prod.service", RrTypes.A, 0, true);
        assertThat(r.answer()).extracting(rr -> ((Rr.A) rr).address().getHostAddress()).containsExactly("198.18.0.32");
    }

    @Test
    void unreachableNodesInstancesLeaveAnswers() {
        CatalogStore store = Fixtures.store();
        store.replaceNode("node-b", List.of(instance("web", "prod", "web-b", "198.18.0.99", 8080, Health.PASSING)));
        assertThat(Resolver.resolve(index(NamingConfig.defaults(), store), "web.prod.service", RrTypes.A, 0, true)
                .answer()).hasSize(3);
        store.setReachable("node-b", false);
        assertThat(Resolver.resolve(index(NamingConfig.defaults(), store), "web.prod.service", RrTypes.A, 0, true)
                .answer()).hasSize(2);
    }

    static Stream<Arguments> schemas() {
        return Stream.of(
                Arguments.of("web.prod.service", Outcome.ANSWER),
                Arguments.of("web.service", Outcome.NXDOMAIN),
                Arguments.of("web-staging.service", Outcome.ANSWER),
                Arguments.of("_web-staging._tcp.service", Outcome.ANSWER),
                Arguments.of("web-1.web-staging.service", Outcome.ANSWER),
                Arguments.of("web.qa-service", Outcome.ANSWER),
                Arguments.of("_web._tcp.qa-service", Outcome.ANSWER),
                Arguments.of("qa-service", Outcome.NODATA),
                Arguments.of("web.staging.service", Outcome.NXDOMAIN),
                Arguments.of("web.dev.service", Outcome.ANSWER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("schemas")
    void everyNamingSchemaResolves(String name, Outcome outcome) {
        CatalogStore store = Fixtures.store();
        store.register(instance("web", "staging", "web-1", "198.18.2.1", 8080, Health.PASSING));
        store.register(instance("web", "qa", "web-1", "198.18.3.1", 8080, Health.PASSING));
        ZoneIndex idx = index(Fixtures.threeSchemas(), store);
        int type = name.startsWith("_") ? RrTypes.SRV : RrTypes.A;
        assertThat(Resolver.resolve(idx, name, type, 0, true).outcome()).isEqualTo(outcome);
        assertThat(idx.zones()).contains("service", "qa-service");
    }

    @Test
    void environmentZoneUsesItsOwnNegativeTtl() {
        CatalogStore store = Fixtures.store();
        store.register(instance("web", "qa", "web-1", "198.18.3.1", 8080, Health.PASSING));
        ZoneIndex idx = index(Fixtures.threeSchemas(), store);
        Rr.Soa soa = (Rr.Soa) Resolver.resolve(idx, "nope.qa-service", RrTypes.A, 0, true).authority().get(0);
        assertThat(soa.name()).isEqualTo("qa-service");
        assertThat(soa.minimum()).isEqualTo(7);
    }
}
