package io.herald.health;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * What a check probes. Targets may refer to the checked instance through the placeholders {@code {address}} and
 * {@code {port}} (also {@code $SERVICE_IP} and {@code $SERVICE_PORT}, as Registrator writes them), filled in by
 * {@link #resolve} when the check is watched.
 */
public sealed interface CheckTarget permits TcpTarget, HttpTarget, ExecTarget, HeartbeatTarget {

    CheckKind kind();

    /** This target with the instance's address and port filled in. */
    CheckTarget resolve(InetAddress address, int port);

    /** Short text for status listings and logs, e.g. "tcp 10.0.0.5:5432". */
    String describe();

    /** Replaces the instance placeholders in {@code text}; IPv6 addresses get brackets where a URL needs them. */
    static String substitute(String text, InetAddress address, int port, boolean url) {
        String host = address.getHostAddress();
        if (url && address instanceof Inet6Address) {
            host = "[" + host + "]";
        }
        return text.replace("{address}", host).replace("{port}", Integer.toString(port))
                .replace("$SERVICE_IP", address.getHostAddress()).replace("$SERVICE_PORT", Integer.toString(port));
    }
}
