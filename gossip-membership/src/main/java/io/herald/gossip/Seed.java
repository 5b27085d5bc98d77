package io.herald.gossip;

import io.herald.config.ConfigException;
import java.util.regex.Pattern;

/** One seed of {@code cluster.join}: a member to contact when joining and, periodically, to heal partitions. */
public record Seed(String host, int port) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]+");

    public Seed {
        if (host == null || host.isEmpty() || !HOST.matcher(host).matches()) {
            throw new ConfigException("cluster.join", "host must be a host name or an IP address");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("cluster.join", "port must be from 1 to 65535");
        }
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port}, or a bare host / {@code [v6]} that gets {@code defaultPort} (all
     * nodes usually share one cluster port).
     */
    public static Seed parse(String text, int defaultPort) {
        String t = text == null ? "" : text.trim();
        String host;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw bad(text);
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(text);
                }
                port = rest.substring(1);
            }
        } else {
            int colon = t.indexOf(':');
            if (colon >= 0 && colon != t.lastIndexOf(':')) {
                throw new ConfigException("cluster.join", "an IPv6 seed must be written as [address]:port");
            }
            host = colon < 0 ? t : t.substring(0, colon);
            port = colon < 0 ? null : t.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw bad(text);
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw bad(text);
            }
        }
        return new Seed(host, p);
    }

    private static ConfigException bad(String text) {
        return new ConfigException("cluster.join",
                "each seed must be host:port, host, or [IPv6]:port (for example 10.0.0.5:7946)");
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
