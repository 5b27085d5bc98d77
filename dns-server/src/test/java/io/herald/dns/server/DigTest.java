package io.herald.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.naming.NamingConfig;
import io.herald.dns.DnsConfig;
import io.herald.dns.DnsServer;
import io.herald.dns.Fixtures;
import io.herald.dns.forward.ForwardConfig;
import io.herald.ttl.TtlPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BIND's dig as an independent client. dig is required (CI installs bind9-dnsutils): missing dig fails. */
class DigTest {
    private static DnsServer server;

    @BeforeAll
    static void start() {
        server = DnsServer.start(DnsConfig.loopback(), ForwardConfig.disabled(), NamingConfig.defaults(),
                TtlPolicy.fixed(5, 30), Fixtures.store(), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String dig(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(server.port()),
                "+time=2", "+tries=1"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("dig is not installed: apt-get install -y bind9-dnsutils", e);
        }
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void srvShortAnswer() throws Exception {
        String out = dig("SRV", "web.prod.service", "+short");
        assertThat(out.lines().sorted().toList()).containsExactly(
                "1 1 8080 web-1.web.prod.service.", "1 1 8081 web-2.web.prod.service.");
    }

    @Test
    void fullAnswerHasFlagsGlueAndEdns() throws Exception {
        String out = dig("SRV", "_web._tcp.prod.service");
        assertThat(out).contains("status: NOERROR").contains("flags: qr aa rd;")
                .contains("EDNS: version: 0").contains("ANSWER: 2").contains("ADDITIONAL: 3");
        assertThat(out).containsPattern("web-1\\.web\\.prod\\.service\\.\\s+5\\s+IN\\s+A\\s+198\\.18\\.0\\.11");
    }

    @Test
    void nxdomainWithSoa() throws Exception {
        String out = dig("A", "missing.prod.service");
        assertThat(out).contains("status: NXDOMAIN").contains("AUTHORITY: 1").containsPattern("service\\.\\s+30\\s+IN\\s+SOA");
    }

    @Test
    void tcpAndNoEdns() throws Exception {
        String out = dig("+tcp", "+noedns", "A", "web.prod.service");
        assertThat(out).contains("status: NOERROR").contains("ANSWER: 2").doesNotContain("OPT PSEUDOSECTION");
    }
}
