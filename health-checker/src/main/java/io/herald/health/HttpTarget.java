package io.herald.health;

import io.herald.core.InvalidFieldException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * An HTTP(S) GET check.
 *
 * @param url           absolute URL, possibly with {@code {address}}/{@code {port}} placeholders
 * @param tlsSkipVerify accept any server certificate and host name (self-signed health endpoints)
 */
public record HttpTarget(String url, boolean tlsSkipVerify) implements CheckTarget {

    public HttpTarget {
        check("http", url);
    }

    /** Parses an absolute URL, or a path such as "/health" meaning that path on the instance's address and port. */
    static HttpTarget parse(String field, String text, String scheme, boolean tlsSkipVerify) {
        String t = text.trim();
        String url = t.startsWith("/") ? scheme + "://{address}:{port}" + t : t;
        check(field, url);
        return new HttpTarget(url, tlsSkipVerify);
    }

    private static void check(String field, String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidFieldException(field, "is required: a URL such as http://10.0.0.5:8080/health or a path such as /health");
        }
        String sample = url.replace("{address}", "127.0.0.1").replace("{port}", "1")
                .replace("$SERVICE_IP", "127.0.0.1").replace("$SERVICE_PORT", "1");
        try {
            URI u = new URI(sample);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw new InvalidFieldException(field, "must be an http:// or https:// URL with a host, or a path "
                        + "starting with /, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new InvalidFieldException(field, "is not a valid URL (" + e.getReason() + "), got '" + url + "'");
        }
    }

    public boolean https() {
        return url.startsWith("https:");
    }

    @Override
    public CheckKind kind() {
        return CheckKind.HTTP;
    }

    @Override
    public HttpTarget resolve(InetAddress address, int port) {
        if (port == 0 && (url.contains("{port}") || url.contains("$SERVICE_PORT"))) {
            throw new InvalidFieldException("port", "an http check of the instance's own port needs the instance to have a port");
        }
        return new HttpTarget(CheckTarget.substitute(url, address, port, true), tlsSkipVerify);
    }

    @Override
    public String describe() {
        return "http GET " + url;
    }
}
