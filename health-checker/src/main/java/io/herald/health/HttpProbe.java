package io.herald.health;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

/**
 * GETs a URL on a fresh connection (no keep-alive pool: a check must see the server as a new client would).
 * 2xx and 3xx pass (redirects are not followed), 429 is a warning, anything else is critical.
 */
final class HttpProbe {
    private final HttpClient plain;
    private final HttpClient verified;
    private final HttpClient unverified;
    private final int outputLimit;

    HttpProbe(SocketGauge sockets, int outputLimit) {
        this.outputLimit = outputLimit;
        HttpClient base = HttpClient.newConnection()
                .followRedirect(false)
                .headers(h -> h.set(HttpHeaderNames.USER_AGENT, "Herald health check")
                        .set(HttpHeaderNames.ACCEPT, "text/plain, application/json, */*"))
                .doOnChannelInit((observer, channel, address) -> sockets.track(channel));
        this.plain = base;
        this.verified = base.secure();
        this.unverified = base.secure(spec -> spec
                .sslContext((SslProvider.GenericSslContextSpec<?>) Http11SslContextSpec.forClient()
                        .configure(b -> b.trustManager(InsecureTrustManagerFactory.INSTANCE)))
                .handlerConfigurator(h -> {
                    SSLEngine engine = h.engine();
                    SSLParameters params = engine.getSSLParameters();
                    params.setEndpointIdentificationAlgorithm(null);
                    engine.setSSLParameters(params);
                }));
    }

    Mono<CheckResult> run(HttpTarget target, Duration timeout) {
        HttpClient client = !target.https() ? plain : target.tlsSkipVerify() ? unverified : verified;
        String what = "HTTP GET " + target.url();
        return client
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .responseTimeout(timeout)
                .get()
                .uri(target.url())
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> classify(what, response.status(), text)))
                .timeout(timeout, Schedulers.parallel())
                .onErrorResume(e -> Mono.just(CheckResult.critical(what + " failed: " + Probes.describe(e, timeout))));
    }

    private CheckResult classify(String what, HttpResponseStatus status, String body) {
        // The standard phrase, whatever the server wrote (some send none).
        String phrase = HttpResponseStatus.valueOf(status.code()).reasonPhrase();
        String output = CheckResult.cap(what + ": " + status.code() + " " + phrase
                + (body.isBlank() ? "" : "\n" + body.strip()), outputLimit);
        int code = status.code();
        if (code >= 200 && code < 400) {
            return CheckResult.passing(output);
        }
        return code == 429 ? CheckResult.warning(output) : CheckResult.critical(output);
    }
}
