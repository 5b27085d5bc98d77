package io.herald.dns.forward;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses IP literals and ip:port pairs without ever asking DNS (a resolver must not need itself to start). */
public final class HostPort {
    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[\\w.]+)?");

    private HostPort() {}

    public static InetAddress literal(String text) {
        String t = text.trim();
        if (!V4.matcher(t).matches() && !V6.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }

    /** "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353". */
    public static InetSocketAddress parse(String text, int defaultPort) {
        String t = text.trim();
        String host = t;
        int port = defaultPort;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' misses ']'");
            }
            host = t.substring(1, close);
            if (close + 1 < t.length()) {
                if (t.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("'" + text + "' has text after ']'");
                }
                port = port(text, t.substring(close + 2));
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = port(text, t.substring(t.indexOf(':') + 1));
        }
        return new InetSocketAddress(literal(host), port);
    }

    private static int port(String text, String p) {
        try {
            int port = Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid port (1-65535)");
        }
    }
}
