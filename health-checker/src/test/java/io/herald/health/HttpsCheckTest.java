package io.herald.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS checks against a JDK HTTPS server with a freshly generated self-signed certificate. */
class HttpsCheckTest {
    private final CatalogStore store = new CatalogStore("node-a");
    private final HealthChecker checker = HealthChecker.create(HealthConfig.defaults(), store, new SimpleMeterRegistry());
    private HttpsServer server;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=herald-test", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        store.register(ServiceInstance.of("web", "prod", "web-1", InetAddress.getByName("127.0.0.1"),
                server.getAddress().getPort()));
        store.register(ServiceInstance.of("web", "prod", "web-2", InetAddress.getByName("127.0.0.1"),
                server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        checker.close();
        server.stop(0);
    }

    @Test
    void selfSignedCertificatesPassOnlyWithTlsSkipVerify() {
        InstanceKey trusting = new InstanceKey("prod", "web", "web-1");
        InstanceKey verifying = new InstanceKey("prod", "web", "web-2");
        checker.watch(trusting, List.of(CheckSpec.fromMap(Map.of("http", "https://{address}:{port}/health",
                "tls_skip_verify", true, "interval", "1s", "initial_status", "warning"), "checks[0]")));
        checker.watch(verifying, List.of(CheckSpec.fromMap(Map.of("http", "https://{address}:{port}/health",
                "interval", "1s", "initial_status", "warning", "fall", 1), "checks[0]")));

        CheckStatus ok = Await.until(Duration.ofSeconds(10), () -> checker.statuses(trusting).get(0),
                s -> s.status() == Health.PASSING, "the skip-verify check to pass");
        assertThat(ok.output()).endsWith(": 200 OK");

        CheckStatus refused = Await.until(Duration.ofSeconds(10), () -> checker.statuses(verifying).get(0),
                s -> s.lastRun() != null, "the verifying check to run");
        assertThat(refused.status()).as(refused.output()).isEqualTo(Health.CRITICAL);
        assertThat(refused.output()).contains("failed:").doesNotContain("timed out");
        System.out.println(refused.output());
    }
}
