package io.herald.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Container health probe: exit 0 when the URL answers 2xx, 1 otherwise. Needs nothing but the JRE. */
public final class Probe {
    private Probe() {}

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8500/health";
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            System.exit(r.statusCode() / 100 == 2 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("probe failed: " + e);
            System.exit(1);
        }
    }
}
