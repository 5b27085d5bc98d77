package io.herald.containers;

import java.net.InetAddress;

/** Run inside a client container: resolves a name with the JDK's resolver (the system's) and prints the addresses. */
public final class ResolveMain {
    private ResolveMain() {}

    public static void main(String[] args) throws Exception {
        for (InetAddress a : InetAddress.getAllByName(args[0])) {
            System.out.println(a.getHostAddress());
        }
    }
}
