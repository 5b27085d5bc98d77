package io.herald.dns.server;

import static io.herald.dns.Fixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.naming.NamingConfig;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.dns.DnsConfig;
import io.herald.dns.DnsServer;
import io.herald.dns.Fixtures;
import io.herald.dns.forward.ForwardConfig;
import io.herald.ttl.TtlPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The real server on a loopback port, queried by dnsjava and raw sockets. */
class DnsServerTest {
    private static final int BIG = 40;
    private static DnsServer server;
    private static DnsClient client;

    @BeforeAll
    static void start() {
        CatalogStore store = Fixtures.store();
        for (int i = 0; i < BIG; i++) {
            store.register(instance("big", "prod", "big-" + i, "198.18.10." + (i + 1), 9000 + i, Health.PASSING));
        }
        server = DnsServer.start(DnsConfig.loopback(), ForwardConfig.disabled(), NamingConfig.defaults(),
                TtlPolicy.fixed(5, 30), store, new SimpleMeterRegistry());
        client = new DnsClient(new InetSocketAddress("127.0.0.1", server.port()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersAWithAuthorityOverUdpAndTcp() throws IOException {
        for (boolean tcp : new boolean[] {false, true}) {
            Message m = client.query("web.prod.service", Type.A, tcp, 0);
            assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(m.getHeader().getFlag(Flags.RA)).as("forwarding is off").isFalse();
            assertThat(m.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress().getHostAddress())
                    .containsExactlyInAnyOrder("198.18.0.11", "198.18.0.12");
            assertThat(m.getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 5);
        }
    }

    @Test
    void rotatesAnswerOrderBetweenQueries() throws IOException {
        String first = ((ARecord) client.udp("web.prod.service", Type.A).getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
        boolean changed = false;
        for (int i = 0; i < 4 && !changed; i++) {
            String next = ((ARecord) client.udp("web.prod.service", Type.A).getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
            changed = !next.equals(first);
        }
        assertThat(changed).isTrue();
    }

    @Test
    void rotationSpreadsClientsThatAskAAndAaaaTogether() throws IOException {
        // The glibc stub resolver sends A and AAAA for every lookup; the A order must still change per lookup.
        java.util.Set<String> firsts = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            firsts.add(((ARecord) client.udp("web.prod.service", Type.A).getSection(Section.ANSWER).get(0))
                    .getAddress().getHostAddress());
            client.udp("web.prod.service", Type.AAAA);
        }
        assertThat(firsts).containsExactlyInAnyOrder("198.18.0.11", "198.18.0.12");
    }

    @Test
    void srvHasTargetsPortsAndGlue() throws IOException {
        Message m = client.udp("_web._tcp.prod.service", Type.SRV);
        assertThat(m.getSection(Section.ANSWER)).extracting(r -> ((SRVRecord) r).getPort()).containsExactlyInAnyOrder(8080, 8081);
        assertThat(m.getSection(Section.ANSWER)).extracting(r -> ((SRVRecord) r).getTarget().toString())
                .containsExactlyInAnyOrder("web-1.web.prod.service.", "web-2.web.prod.service.");
        assertThat(m.getSection(Section.ADDITIONAL)).extracting(r -> r.getName() + " " + ((ARecord) r).getAddress().getHostAddress())
                .containsExactlyInAnyOrder("web-1.web.prod.service. 198.18.0.11", "web-2.web.prod.service. 198.18.0.12");
    }

    @Test
    void nxdomainAndNodataCarryTheSoa() throws IOException {
        Message nx = client.udp("nothing.prod.service", Type.A);
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        assertThat(((SOARecord) nx.getSection(Section.AUTHORITY).get(0)).getMinimum()).isEqualTo(30);
        for (String ent : List.of("prod.service", "service")) {
            Message nodata = client.udp(ent, Type.A);
            assertThat(nodata.getRcode()).as(ent).isEqualTo(Rcode.NOERROR);
            assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
            assertThat(nodata.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        }
        Message unhealthy = client.udp("db.prod.service", Type.A);
        assertThat(unhealthy.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(((SOARecord) unhealthy.getSection(Section.AUTHORITY).get(0)).getMinimum()).isEqualTo(5);
    }

    @Test
    void apexAnswersSoaAndNsWithGlue() throws IOException {
        Message soa = client.udp("service", Type.SOA);
        assertThat(soa.getSection(Section.ANSWER)).singleElement().isInstanceOf(SOARecord.class);
        Message ns = client.udp("service", Type.NS);
        assertThat(ns.getSection(Section.ANSWER)).singleElement().extracting(Record::rdataToString).isEqualTo("ns.service.");
        assertThat(ns.getSection(Section.ADDITIONAL)).singleElement().extracting(Record::rdataToString).isEqualTo("127.0.0.1");
    }

    @Test
    void namesAreCaseInsensitiveAndQuestionCaseIsPreserved() throws IOException {
        Message m = client.udp("WeB.PrOd.SeRvIcE", Type.A);
        assertThat(m.getSection(Section.ANSWER)).hasSize(2);
        assertThat(m.getQuestion().getName().toString()).isEqualTo("WeB.PrOd.SeRvIcE.");
        assertThat(m.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("WeB.PrOd.SeRvIcE.");
    }

    @Test
    void largeAnswersTruncateOverPlainUdpAndComeWholeOverTcp() throws IOException {
        Message udp = client.query("big.prod.service", Type.A, false, 0);
        assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(udp.toWire().length).isLessThanOrEqualTo(512);
        assertThat(udp.getSection(Section.ANSWER)).isEmpty();
        Message tcp = client.query("big.prod.service", Type.A, true, 0);
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(BIG);
        Message srv = client.query("big.prod.service", Type.SRV, true, 0);
        assertThat(srv.getSection(Section.ANSWER)).hasSize(BIG);
        assertThat(srv.getSection(Section.ADDITIONAL)).hasSize(BIG);
    }

    @Test
    void ednsPayloadIsHonouredAndOptEchoedOnlyWhenAsked() throws IOException {
        Message plain = client.query("web.prod.service", Type.A, false, 0);
        assertThat(plain.getOPT()).isNull();
        Message edns = client.query("big.prod.service", Type.A, false, 1232);
        assertThat(edns.getOPT()).isNotNull();
        assertThat(edns.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(edns.getSection(Section.ANSWER)).hasSize(BIG);
        Message small = client.query("big.prod.service", Type.SRV, false, 600);
        assertThat(small.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(small.toWire().length).isLessThanOrEqualTo(600);
        Message huge = client.query("big.prod.service", Type.SRV, false, 65000);
        assertThat(huge.toWire().length).as("capped at dns.max_udp_payload").isLessThanOrEqualTo(1232);
    }

    @Test
    void ednsVersionAboveZeroGetsBadvers() throws IOException {
        Message q = Message.newQuery(Record.newRecord(org.xbill.DNS.Name.fromString("web.prod.service."), Type.A, 1));
        q.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 1), Section.ADDITIONAL);
        byte[] reply = client.raw(q.toWire(), 2000);
        Message m = new Message(reply);
        assertThat(m.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(m.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void otherOpcodesGetNotimp() throws IOException {
        byte[] q = DnsClient.wire("web.prod.service", Type.A, 4242);
        q[2] = (byte) ((q[2] & 0x87) | (2 << 3)); // opcode STATUS
        Message m = new Message(client.raw(q, 2000));
        assertThat(m.getHeader().getID()).isEqualTo(4242);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOTIMP);
    }

    @Test
    void anyGetsTheMinimalRfc8482Answer() throws IOException {
        Message m = client.udp("web.prod.service", Type.ANY);
        assertThat(m.getSection(Section.ANSWER)).singleElement().extracting(Record::getType).isEqualTo(Type.HINFO);
    }

    @Test
    void unknownAndDnssecTypesInsideTheZoneAreNodataNotForwarded() throws IOException {
        for (int type : new int[] {Type.TXT, Type.MX, Type.DNSKEY, Type.DS, Type.RRSIG, 65280}) {
            Message m = client.udp("web.prod.service", type);
            assertThat(m.getRcode()).as(Type.string(type)).isEqualTo(Rcode.NOERROR);
            assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(m.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        }
    }

    @Test
    void reverseLookupsOfInstanceAddresses() throws IOException {
        Message m = client.udp("12.0.18.198.in-addr.arpa", Type.PTR);
        assertThat(m.getSection(Section.ANSWER)).singleElement().extracting(Record::rdataToString)
                .isEqualTo("web-2.web.prod.service.");
    }

    @Test
    void outsideTheZoneIsRefusedWithoutForwarding() throws IOException {
        Message m = client.udp("example.org", Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void garbledPacketsGetFormerrOrAreDroppedAndServingGoesOn() throws IOException {
        byte[] badQuestion = DnsClient.wire("web.prod.service", Type.A, 777);
        badQuestion[12] = 60; // label length running past the end of the packet
        Message formerr = new Message(client.raw(badQuestion, 2000));
        assertThat(formerr.getHeader().getID()).isEqualTo(777);
        assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);

        byte[] twoQuestions = DnsClient.wire("web.prod.service", Type.A, 778);
        twoQuestions[5] = 2;
        assertThat(new Message(client.raw(twoQuestions, 2000)).getRcode()).isEqualTo(Rcode.FORMERR);

        assertThat(client.raw(new byte[] {1, 2, 3}, 300)).as("too short for a header: dropped").isNull();
        byte[] response = DnsClient.wire("web.prod.service", Type.A, 779);
        response[2] |= (byte) 0x80;
        assertThat(client.raw(response, 300)).as("responses are never answered").isNull();

        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[random.nextInt(600)];
            random.nextBytes(junk);
            if (junk.length > 2) {
                junk[2] &= 0x7f; // mostly "queries", so the parser is exercised beyond the header
            }
            client.raw(junk, 1);
        }
        assertThat(client.udp("web.prod.service", Type.A).getSection(Section.ANSWER)).hasSize(2);
        assertThat(client.query("web.prod.service", Type.A, true, 0).getSection(Section.ANSWER)).hasSize(2);
    }

    @Test
    void tcpCarriesSeveralQueriesPerConnection() throws IOException {
        byte[][] replies = DnsClient.tcpPipeline(new InetSocketAddress("127.0.0.1", server.port()),
                DnsClient.wire("web.prod.service", Type.A, 1),
                DnsClient.wire("nothing.prod.service", Type.A, 2),
                DnsClient.wire("_web._tcp.prod.service", Type.SRV, 3));
        assertThat(new Message(replies[0]).getHeader().getID()).isEqualTo(1);
        assertThat(new Message(replies[1]).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(new Message(replies[2]).getSection(Section.ANSWER)).hasSize(2);
    }

    @Test
    void idleTcpConnectionsAreClosed() throws IOException {
        CatalogStore store = Fixtures.store();
        DnsConfig quick = new DnsConfig(DnsConfig.loopback().address(), 0, DnsConfig.loopback().nsAddress(),
                Duration.ofMillis(300), 1232);
        try (DnsServer s = DnsServer.start(quick, ForwardConfig.disabled(), NamingConfig.defaults(),
                TtlPolicy.fixed(5, 30), store, new SimpleMeterRegistry());
             Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] q = DnsClient.wire("web.prod.service", Type.A, 9);
            out.writeShort(q.length);
            out.write(q);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readFully(new byte[in.readUnsignedShort()]);
            long start = System.nanoTime();
            assertThat(in.read()).as("server closes the idle connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void answersFollowCatalogueChanges() throws Exception {
        CatalogStore store = Fixtures.store();
        try (DnsServer s = DnsServer.start(DnsConfig.loopback(), ForwardConfig.disabled(), NamingConfig.defaults(),
                TtlPolicy.fixed(5, 30), store, new SimpleMeterRegistry())) {
            DnsClient c = new DnsClient(new InetSocketAddress("127.0.0.1", s.port()));
            store.register(instance("fresh", "prod", "fresh-1", "198.18.5.5", 80, Health.PASSING));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            Message m = c.udp("fresh.prod.service", Type.A);
            while (m.getSection(Section.ANSWER).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                m = c.udp("fresh.prod.service", Type.A);
            }
            assertThat(m.getSection(Section.ANSWER)).hasSize(1);
            store.updateHealth(new io.herald.core.InstanceKey("prod", "fresh", "fresh-1"), Health.CRITICAL);
            deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!c.udp("fresh.prod.service", Type.A).getSection(Section.ANSWER).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(c.udp("fresh.prod.service", Type.A).getSection(Section.ANSWER)).isEmpty();
        }
    }
}
