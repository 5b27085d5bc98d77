package io.herald.dns.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the nameserver lines of a resolv.conf, the default upstreams. */
public final class ResolvConf {
    private ResolvConf() {}

    public static List<InetSocketAddress> nameservers(Path file) {
        List<InetSocketAddress> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return out;
        }
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                try {
                    out.add(HostPort.parse(words[1], 53));
                } catch (IllegalArgumentException ignored) {
                    // a malformed line is skipped, as the C library does
                }
            }
        }
        return out;
    }
}
