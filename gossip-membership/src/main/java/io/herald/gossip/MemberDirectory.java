package io.herald.gossip;

import io.atomix.utils.net.Address;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The member list two nodes swap in a push/pull exchange: one {@code name SP ip SP port} line per member.
 *
 * <p>SWIM spreads membership only as changes, each gossiped a few times over UDP; a change that is lost (a busy
 * host dropping datagrams during a cold start) is never sent again, so two live nodes can stay strangers forever.
 * Swapping full lists with one random member now and then, as memberlist's push/pull does, repairs that.
 *
 * <p>Decoding is lenient: malformed lines are skipped and the list is capped, so a bad peer cannot hurt the node.
 */
record MemberDirectory(List<Entry> entries) {
    static final int MAX_ENTRIES = 4096;
    private static final int MAX_NAME = 255;

    record Entry(String name, Address address) {}

    static MemberDirectory of(Collection<io.atomix.cluster.Member> members) {
        List<Entry> out = new ArrayList<>(members.size());
        for (io.atomix.cluster.Member m : members) {
            out.add(new Entry(m.id().id(), m.address()));
        }
        return new MemberDirectory(out);
    }

    byte[] encode() {
        StringBuilder sb = new StringBuilder(entries.size() * 32);
        for (Entry e : entries) {
            InetAddress ip = e.address().address();
            if (ip != null) {
                sb.append(e.name()).append(' ').append(ip.getHostAddress()).append(' ').append(e.address().port())
                        .append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static MemberDirectory decode(byte[] bytes) {
        List<Entry> out = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (out.size() >= MAX_ENTRIES) {
                break;
            }
            Entry e = parse(line);
            if (e != null) {
                out.add(e);
            }
        }
        return new MemberDirectory(out);
    }

    private static Entry parse(String line) {
        String[] f = line.split(" ");
        if (f.length != 3 || f[0].isEmpty() || f[0].length() > MAX_NAME) {
            return null;
        }
        // Literals only, never a DNS lookup: null for anything else.
        InetAddress ip = NetUtil.createInetAddressFromIpAddressString(f[1]);
        try {
            int port = Integer.parseInt(f[2]);
            return ip == null || port < 1 || port > 65535 ? null
                    : new Entry(f[0], new Address(ip.getHostAddress(), port, ip));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
