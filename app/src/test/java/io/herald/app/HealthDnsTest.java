package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.herald.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Checks declared through the HTTP API decide what DNS answers: a real HTTP target and a TTL heartbeat. */
class HealthDnsTest {
    private HeraldNode node;
    private HttpServer target;
    private final AtomicInteger status = new AtomicInteger(200);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        target.createContext("/health", ex -> {
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        target.start();
        node = HeraldNode.start(HeraldConfig.from(ConfigLoader.load(new String[] {"--dns-port", "0", "--http-port", "0",
                "--forward-enabled", "false", "--ttl-stable-after", "0s"}, Map.of())));
    }

    @AfterEach
    void stop() {
        node.close();
        target.stop(0);
    }

    private int put(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private int answers(String name) throws Exception {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", node.dnsPort()));
        r.setTimeout(Duration.ofSeconds(2));
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)))
                .getSection(Section.ANSWER).size();
    }

    private Duration until(String name, int count, Duration limit) throws Exception {
        long start = System.nanoTime();
        while (answers(name) != count) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError(name + " did not reach " + count + " answers within " + limit);
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void failingHttpCheckTakesTheInstanceOutOfDnsAndBack() throws Exception {
        int port = target.getAddress().getPort();
        assertThat(put("/v1/instances", "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-1\",\"address\":\"127.0.0.1\","
                + "\"port\":" + port + ",\"checks\":[{\"http\":\"http://127.0.0.1:" + port + "/health\","
                + "\"interval\":\"100ms\",\"timeout\":\"100ms\",\"rise\":1,\"fall\":2}]}")).isEqualTo(200);
        until("web.prod.service", 1, Duration.ofSeconds(5));

        status.set(500);
        // interval x fall + timeout = 300 ms; allow for scheduling on a loaded machine
        Duration out = until("web.prod.service", 0, Duration.ofSeconds(3));
        status.set(200);
        Duration back = until("web.prod.service", 1, Duration.ofSeconds(3));
        assertThat(out).isLessThan(Duration.ofSeconds(3));
        assertThat(back).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void ttlHeartbeatKeepsTheInstanceServed() throws Exception {
        assertThat(put("/v1/instances", "{\"service\":\"worker\",\"env\":\"prod\",\"id\":\"w-1\",\"address\":\"198.18.0.9\","
                + "\"port\":80,\"checks\":[{\"ttl\":\"1s\"}]}")).isEqualTo(200);
        assertThat(answers("worker.prod.service")).as("critical until the first heartbeat").isZero();
        assertThat(put("/v1/checks/prod.worker.w-1/pass", "")).isEqualTo(200);
        until("worker.prod.service", 1, Duration.ofSeconds(2));
        // no more heartbeats: critical once the 1 s TTL has passed
        until("worker.prod.service", 0, Duration.ofSeconds(4));
        assertThat(put("/v1/checks/no-such-check/pass", "")).isEqualTo(404);
    }

    @Test
    void badCheckIsRejectedWithTheField() throws Exception {
        assertThat(put("/v1/instances", "{\"service\":\"web\",\"env\":\"prod\",\"id\":\"web-2\",\"address\":\"127.0.0.1\","
                + "\"port\":80,\"checks\":[{\"http\":\"http://127.0.0.1/\",\"interval\":\"soon\"}]}")).isEqualTo(400);
        assertThat(node.store().localInstances()).isEmpty();
    }
}
