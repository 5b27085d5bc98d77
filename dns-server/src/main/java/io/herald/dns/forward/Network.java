package io.herald.dns.forward;

import java.net.InetAddress;
import java.util.Arrays;

/** An IPv4 or IPv6 network in CIDR notation; a bare address is a host network (/32 or /128). */
public record Network(byte[] prefix, int bits) {

    public static Network parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        byte[] addr = HostPort.literal(slash < 0 ? t : t.substring(0, slash)).getAddress();
        int bits = addr.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no prefix length after '/'");
            }
            if (bits < 0 || bits > addr.length * 8) {
                throw new IllegalArgumentException("'" + text + "' prefix length must be 0-" + addr.length * 8);
            }
        }
        return new Network(addr, bits);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != prefix.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (prefix[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.bits == bits && Arrays.equals(n.prefix, prefix);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(prefix) * 31 + bits;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/" + bits;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
