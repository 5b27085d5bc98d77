package io.herald.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 and IPv6 literals parsed by hand into bytes, so a mistyped value or a host name never turns into a DNS
 * lookup ({@code InetAddress.getByName} would resolve anything that is not a literal).
 */
final class IpLiterals {
    static final String ALLOWED = "must be an IP address such as 127.0.0.1 or ::1 (host names are not looked up)";

    private IpLiterals() {}

    /** Parses an IPv4 or IPv6 literal ("[::1]" brackets allowed); throws with {@link #ALLOWED} otherwise. */
    static InetAddress parse(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        byte[] bytes = t.indexOf(':') >= 0 ? v6(t) : v4(t);
        if (bytes == null) {
            throw new IllegalArgumentException(ALLOWED);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ALLOWED, e);
        }
    }

    /** The address as text, IPv6 in the short form of RFC 5952 ("::1" rather than "0:0:0:0:0:0:0:1"). */
    static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static byte[] v4(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            // Leading zeros are refused: some tools read "010" as octal 8, others as decimal 10.
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] v6(String t) {
        int gap = t.indexOf("::");
        if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = groups(gap >= 0 ? t.substring(0, gap) : t, gap < 0);
        List<Integer> tail = gap >= 0 ? groups(t.substring(gap + 2), true) : List.of();
        if (head == null || tail == null) {
            return null;
        }
        int count = head.size() + tail.size();
        if (gap >= 0 ? count > 7 : count != 8) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            put(out, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            put(out, 8 - tail.size() + i, tail.get(i));
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[2 * group] = (byte) (value >> 8);
        out[2 * group + 1] = (byte) value;
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 address when {@code endsAddress}. */
    private static List<Integer> groups(String part, boolean endsAddress) {
        List<Integer> out = new ArrayList<>();
        if (part.isEmpty()) {
            return out;
        }
        String[] tokens = part.split(":", -1);
        for (int i = 0; i < tokens.length; i++) {
            String tok = tokens[i];
            if (tok.indexOf('.') >= 0 && endsAddress && i == tokens.length - 1) {
                byte[] v4 = v4(tok);
                if (v4 == null) {
                    return null;
                }
                out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
                continue;
            }
            if (tok.isEmpty() || tok.length() > 4) {
                return null;
            }
            for (int c = 0; c < tok.length(); c++) {
                if ("0123456789abcdefABCDEF".indexOf(tok.charAt(c)) < 0) {
                    return null;
                }
            }
            out.add(Integer.parseInt(tok, 16));
        }
        return out;
    }
}
