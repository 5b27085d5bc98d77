package io.herald.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * A block of IP addresses, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is one host ({@code /32} or
 * {@code /128}). Bits past the prefix must be zero, so {@code 10.1.2.3/8} is refused rather than silently widened.
 *
 * @param network      the first address of the block
 * @param prefixLength leading bits that every address of the block shares
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be from 0 to " + bits);
        }
        byte[] b = network.getAddress();
        for (int i = prefixLength; i < bits; i++) {
            if (bit(b, i)) {
                throw new IllegalArgumentException("has address bits set past the /" + prefixLength
                        + " prefix; write the block's first address");
            }
        }
    }

    /** Parses "10.0.0.0/8", "::1/128" or a bare address; the message says what is wrong and what is allowed. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        InetAddress address = IpLiterals.parse(slash < 0 ? t : t.substring(0, slash));
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(address, bits);
        }
        String p = t.substring(slash + 1);
        if (!p.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("must be a CIDR block such as 10.0.0.0/8 or fd00::/8 (prefix after '/')");
        }
        int prefix = Integer.parseInt(p);
        // "::ffff:10.0.0.0/104" is an IPv4 block written as IPv6; Java reads the address as IPv4.
        if (address instanceof Inet4Address && t.indexOf(':') >= 0 && prefix >= 96) {
            prefix -= 96;
        }
        try {
            return new Cidr(address, prefix);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("has address bits")) {
                throw new IllegalArgumentException(e.getMessage() + ", e.g. " + masked(address, prefix) + "/" + prefix, e);
            }
            throw e;
        }
    }

    /** Parses with errors naming {@code key}, e.g. for values that do not come from a {@link Section}. */
    public static Cidr parse(String key, String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage() + ", got '" + text + "'");
        }
    }

    /** A list of blocks from a section: YAML list or comma-separated, errors naming the key and source. */
    public static List<Cidr> list(Section section, String key, List<String> def, String doc) {
        return section.values(key, def, "list of CIDR blocks", doc, Cidr::parse);
    }

    /** Whether {@code address} lies in this block; addresses of the other IP family never do. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        for (int i = 0; i < prefixLength; i++) {
            if (bit(a, i) != bit(n, i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefixLength;
    }

    private static boolean bit(byte[] b, int i) {
        return (b[i / 8] & (0x80 >> (i % 8))) != 0;
    }

    private static String masked(InetAddress address, int prefix) {
        byte[] b = address.getAddress();
        for (int i = prefix; i < b.length * 8; i++) {
            b[i / 8] &= (byte) ~(0x80 >> (i % 8));
        }
        try {
            return IpLiterals.format(InetAddress.getByAddress(b));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
