package io.herald.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real JDK HTTP server on loopback whose /health answer the test switches. */
class HttpCheckTest {
    private final CatalogStore store = new CatalogStore("node-a");
    private final HealthChecker checker = HealthChecker.create(HealthConfig.defaults(), store, new SimpleMeterRegistry());
    private final InstanceKey web = new InstanceKey("prod", "web", "web-1");
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger unexpected = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.createContext("/health", exchange -> {
            int code = status.get();
            byte[] body = ("status " + code).getBytes(StandardCharsets.UTF_8);
            if (code == 302) {
                exchange.getResponseHeaders().set("Location", "/elsewhere");
            }
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            unexpected.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        store.register(ServiceInstance.of("web", "prod", "web-1", InetAddress.getByName("127.0.0.1"),
                server.getAddress().getPort()));
        checker.watch(web, List.of(CheckSpec.fromMap(Map.of("http", "/health", "interval", "50ms", "rise", 1, "fall", 2),
                "checks[0]")));
    }

    @AfterEach
    void stop() {
        checker.close();
        server.stop(0);
    }

    private CheckStatus awaitStatus(Health wanted) {
        return Await.until(Duration.ofSeconds(10), () -> checker.statuses(web).get(0), s -> s.status() == wanted,
                "check to become " + wanted.wireName());
    }

    /** The store is written after the check's status, in the checker's next batch: wait for the value wanted. */
    private Health stored(Health wanted) {
        return Await.until(Duration.ofSeconds(5), () -> store.local(web).orElseThrow().health(), h -> h == wanted,
                "stored health " + wanted.wireName());
    }

    @Test
    void statusCodesMapToHealth() {
        CheckStatus ok = awaitStatus(Health.PASSING);
        assertThat(ok.output()).isEqualTo("HTTP GET http://127.0.0.1:" + server.getAddress().getPort()
                + "/health: 200 OK\nstatus 200");
        assertThat(stored(Health.PASSING)).isEqualTo(Health.PASSING);

        status.set(500);
        CheckStatus broken = awaitStatus(Health.CRITICAL);
        assertThat(broken.output()).contains(": 500 Internal Server Error").endsWith("status 500");
        assertThat(stored(Health.CRITICAL)).isEqualTo(Health.CRITICAL);

        status.set(429);
        CheckStatus throttled = awaitStatus(Health.WARNING);
        assertThat(throttled.output()).contains(": 429 Too Many Requests");
        assertThat(stored(Health.WARNING)).isEqualTo(Health.WARNING);

        status.set(302);
        awaitStatus(Health.PASSING);
        assertThat(stored(Health.PASSING)).isEqualTo(Health.PASSING);
        assertThat(unexpected.get()).as("redirects are not followed").isZero();
    }

    @Test
    void aServerThatGoesAwayIsCritical() {
        awaitStatus(Health.PASSING);
        server.stop(0);
        CheckStatus gone = awaitStatus(Health.CRITICAL);
        assertThat(gone.output()).contains("failed:");
    }
}
