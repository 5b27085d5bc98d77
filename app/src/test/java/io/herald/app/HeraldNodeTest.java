package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A whole node from a YAML file and flags: instances from the file and from the HTTP API reach DNS. */
class HeraldNodeTest {
    private HeraldNode node;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("herald.yaml");
        Files.writeString(yaml, """
                node:
                  name: node-a
                naming:
                  environments:
                    prod: ["{service}.{env}.{domain}", "{service}.{domain}"]
                    staging: ["{service}.{env}.{domain}"]
                ttl:
                  default: 7s
                  stable_after: 0s
                services:
                  - service: db
                    env: prod
                    id: db-1
                    address: 198.18.0.21
                    port: 5432
                    tags: [primary]
                """);
        node = HeraldNode.start(HeraldConfig.from(ConfigLoader.load(new String[] {"--config", yaml.toString(),
                "--dns-port", "0", "--http-port", "0", "--forward-enabled", "false"}, Map.of())));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Message query(String name, int type) throws Exception {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", node.dnsPort()));
        r.setTimeout(Duration.ofSeconds(2));
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls (bounded) until the DNS answer count matches, since the index is rebuilt asynchronously. */
    private Message awaitAnswers(String name, int type, int count) throws Exception {
        Message m = query(name, type);
        for (int i = 0; i < 200 && m.getSection(Section.ANSWER).size() != count; i++) {
            Thread.sleep(10);
            m = query(name, type);
        }
        return m;
    }

    @Test
    void configFileInstancesAreServedWithConfiguredTtl() throws Exception {
        Message m = query("db.prod.service", Type.SRV);
        assertThat(m.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(((SRVRecord) r).getPort()).isEqualTo(5432);
            assertThat(r.getTTL()).isEqualTo(7);
        });
        assertThat(query("db.service", Type.A).getSection(Section.ANSWER)).hasSize(1);
        assertThat(query("primary.db.prod.service", Type.A).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void apiRegistrationAndDeregistrationReachDns() throws Exception {
        HttpResponse<String> put = send("PUT", "/v1/instances",
                "{\"service\":\"web\",\"env\":\"staging\",\"id\":\"web-1\",\"address\":\"198.18.0.11\",\"port\":8080}");
        assertThat(put.statusCode()).isEqualTo(200);
        Message m = awaitAnswers("web.staging.service", Type.A, 1);
        assertThat(((ARecord) m.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("198.18.0.11");

        assertThat(send("DELETE", "/v1/instances/staging/web/web-1", null).statusCode()).isEqualTo(200);
        m = awaitAnswers("web.staging.service", Type.A, 0);
        assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(send("DELETE", "/v1/instances/staging/web/web-1", null).statusCode()).isEqualTo(404);
    }

    @Test
    void badRegistrationIsRejectedAndNothingChanges() throws Exception {
        long before = node.store().current().version();
        HttpResponse<String> r = send("PUT", "/v1/instances",
                "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"not-an-ip\",\"port\":8080}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("address");
        assertThat(node.store().current().version()).isEqualTo(before);
        assertThat(List.of(query("web.prod.service", Type.A).getRcode())).containsExactly(Rcode.NXDOMAIN);
    }

    @Test
    void metricsCountQueries() throws Exception {
        query("db.prod.service", Type.A);
        query("nothing.prod.service", Type.A);
        String metrics = send("GET", "/metrics", null).body();
        assertThat(metrics).containsPattern("herald_dns_queries_total\\{.*rcode=\"NOERROR\".*type=\"A\"");
        assertThat(metrics).containsPattern("herald_dns_queries_total\\{.*rcode=\"NXDOMAIN\"");
        assertThat(metrics).contains("herald_dns_query_latency_seconds_bucket");
        assertThat(send("GET", "/ready", null).statusCode()).isEqualTo(200);
    }

    @Test
    void cliListsServicesAndMembers() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Cli.run(new String[] {"services", "--http-addr", "127.0.0.1:" + node.httpPort()},
                new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines().toList()).containsExactly(
                "ENV   SERVICE  PASSING  WARNING  CRITICAL", "prod  db       1        0        0");
        out.getBuffer().setLength(0);
        assertThat(Cli.run(new String[] {"members", "--http-addr", "127.0.0.1:" + node.httpPort()},
                new java.io.PrintWriter(out), new java.io.PrintWriter(err))).isZero();
        assertThat(out.toString()).startsWith("NAME");
        assertThat(Cli.run(new String[] {"services", "--http-addr", "127.0.0.1:1"},
                new java.io.PrintWriter(out), new java.io.PrintWriter(err))).as("unreachable node").isNotZero();
    }
}
