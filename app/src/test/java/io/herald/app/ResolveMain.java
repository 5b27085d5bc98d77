package io.herald.app;

import java.net.InetAddress;

/** Test helper run inside a network namespace: resolves a name with the JDK's resolver and prints the addresses. */
public final class ResolveMain {
    private ResolveMain() {}

    public static void main(String[] args) throws Exception {
        for (InetAddress a : InetAddress.getAllByName(args[0])) {
            System.out.println(a.getHostAddress());
        }
    }
}
