package io.herald.gossip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Set;

/** Free loopback ports usable for both TCP and UDP (the cluster listener binds both), never handed out twice. */
final class Ports {
    private static final Set<Integer> GIVEN = new HashSet<>();

    private Ports() {}

    static synchronized int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                if (GIVEN.contains(port)) {
                    continue;
                }
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    GIVEN.add(udp.getLocalPort());
                    return port;
                } catch (SocketException udpBusy) {
                    // try another
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a loopback socket", e);
            }
        }
        throw new IllegalStateException("no free loopback port found in 100 attempts");
    }
}
