package io.herald.health;

import io.herald.core.InvalidFieldException;
import java.net.InetAddress;

/**
 * A TCP connect check.
 *
 * @param host address or host name; null means the instance's address
 * @param port port; 0 means the instance's port
 */
public record TcpTarget(String host, int port) implements CheckTarget {

    public TcpTarget {
        if (port < 0 || port > 65535) {
            throw new InvalidFieldException("tcp", "port must be between 1 and 65535, got " + port);
        }
        if (host != null && host.isBlank()) {
            host = null;
        }
    }

    /** The instance's own address and port. */
    public static TcpTarget self() {
        return new TcpTarget(null, 0);
    }

    /** Parses "host:port", "[v6]:port", ":port" (instance address) or "true"/"self" (instance address and port). */
    static TcpTarget parse(String field, String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("self")) {
            return self();
        }
        int colon = t.lastIndexOf(':');
        if (colon < 0 || (t.indexOf(':') != colon && !t.startsWith("["))) {
            throw new InvalidFieldException(field, "must be host:port, [ipv6]:port, :port or true (the instance's "
                    + "own address and port), got '" + text + "'");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "port must be a number, got '" + text + "'");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidFieldException(field, "port must be between 1 and 65535, got '" + text + "'");
        }
        return new TcpTarget(host.isEmpty() ? null : host, port);
    }

    @Override
    public CheckKind kind() {
        return CheckKind.TCP;
    }

    @Override
    public TcpTarget resolve(InetAddress address, int instancePort) {
        int p = port == 0 ? instancePort : port;
        if (p == 0) {
            throw new InvalidFieldException("port", "a tcp check of the instance's own port needs the instance to have a port");
        }
        return new TcpTarget(host == null ? address.getHostAddress() : host, p);
    }

    @Override
    public String describe() {
        String h = host == null ? "{address}" : host.contains(":") ? "[" + host + "]" : host;
        return "tcp " + h + ":" + (port == 0 ? "{port}" : Integer.toString(port));
    }
}
