package io.herald.http;

import io.herald.config.ConfigException;
import io.herald.config.Section;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The {@code http} section: where the HTTP API listens.
 *
 * @param address listen address (an IP literal; {@code 0.0.0.0} or {@code ::} for every interface)
 * @param port    TCP port; 0 picks a free one (tests)
 */
public record HttpConfig(InetAddress address, int port) {

    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8500;

    public HttpConfig {
        if (address == null) {
            throw new ConfigException("http.address", "is required, e.g. " + DEFAULT_ADDRESS);
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("http.port", "must be an integer from 0 to 65535, got " + port);
        }
    }

    /** Reads {@code http.address} and {@code http.port} (flags {@code --http-address}, {@code --http-port}). */
    public static HttpConfig from(Section root) {
        Section s = Objects.requireNonNull(root, "root").section("http");
        InetAddress address = s.address("address", DEFAULT_ADDRESS, "address to serve the HTTP API on");
        int port = s.integer("port", DEFAULT_PORT, 0, 65535, "HTTP API port; 0 picks a free one");
        return new HttpConfig(address, port);
    }

    /** Loopback on a free port, for tests. */
    public static HttpConfig loopback() {
        return new HttpConfig(InetAddress.getLoopbackAddress(), 0);
    }
}
