package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README quick start, end to end: the packaged jar runs with --demo, logs one line once DNS and HTTP are
 * bound, answers dig, and stops cleanly on SIGTERM.
 */
class QuickStartIT {
    private HeraldProcess herald;

    @AfterEach
    void stop() throws Exception {
        if (herald != null) {
            herald.close();
        }
    }

    @Test
    void demoAnswersDigAndStopsOnSigterm() throws Exception {
        herald = HeraldProcess.start("--demo", "--dns-port", "0", "--http-port", "0", "--forward-enabled", "false");

        Process dig = new ProcessBuilder("dig", "@127.0.0.1", "-p", String.valueOf(herald.dnsPort), "+short",
                "+time=2", "+tries=1", "SRV", "web.prod.service").redirectErrorStream(true).start();
        assertThat(dig.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String answer = new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer.lines().sorted().toList())
                .containsExactly("1 1 8080 web-1.web.prod.service.", "1 1 8081 web-2.web.prod.service.");

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + herald.httpPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        herald.signal("TERM");
        assertThat(herald.process.waitFor(15, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(herald.process.exitValue()).isIn(0, 143);
    }
}
