package io.herald.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README quick start, end to end: the packaged jar runs with --demo, logs one line once DNS and HTTP are
 * bound, answers dig, and stops cleanly on SIGTERM.
 */
class QuickStartIT {
    private static final Pattern BOUND = Pattern.compile("serving DNS on 127\\.0\\.0\\.1:(\\d+) .*HTTP API on 127\\.0\\.0\\.1:(\\d+)");
    private Process herald;

    @AfterEach
    void stop() {
        if (herald != null && herald.isAlive()) {
            herald.destroyForcibly();
        }
    }

    @Test
    void demoAnswersDigAndStopsOnSigterm() throws Exception {
        String jar = System.getProperty("herald.jar", Path.of("target", "herald.jar").toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        herald = new ProcessBuilder(java, "-jar", jar, "--demo", "--dns-port", "0", "--http-port", "0",
                "--forward-enabled", "false").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(herald.getInputStream(), StandardCharsets.UTF_8));
        Matcher bound = null;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 50 && bound == null; i++) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            seen.add(line);
            Matcher m = BOUND.matcher(line);
            if (m.find()) {
                bound = m;
            }
        }
        assertThat(bound).as("start-up line in %s", seen).isNotNull();
        String dnsPort = bound.group(1);
        int httpPort = Integer.parseInt(bound.group(2));

        Process dig = new ProcessBuilder("dig", "@127.0.0.1", "-p", dnsPort, "+short", "+time=2", "+tries=1",
                "SRV", "web.prod.service").redirectErrorStream(true).start();
        assertThat(dig.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String answer = new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer.lines().sorted().toList())
                .containsExactly("1 1 8080 web-1.web.prod.service.", "1 1 8081 web-2.web.prod.service.");

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        herald.destroy(); // SIGTERM
        assertThat(herald.waitFor(15, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(herald.exitValue()).isIn(0, 143);
    }
}
