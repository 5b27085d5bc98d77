package io.herald.app;

import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The demo catalogue of {@code --demo}: something for dig to answer on a fresh machine. */
final class Demo {
    private Demo() {}

    static List<ServiceInstance> instances(int httpPort) {
        return List.of(
                ServiceInstance.of("web", "prod", "web-1", ip("127.0.0.1"), 8080, List.of("v2")),
                ServiceInstance.of("web", "prod", "web-2", ip("127.0.0.2"), 8081, List.of("v1")),
                ServiceInstance.of("web", "staging", "web-1", ip("127.0.0.3"), 8080),
                ServiceInstance.of("herald", "prod", "api", ip("127.0.0.1"), httpPort));
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
