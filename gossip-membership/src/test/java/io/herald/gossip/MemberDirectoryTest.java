package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomix.utils.net.Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberDirectoryTest {
    @Test
    void roundTripsNamesAndAddresses() throws Exception {
        InetAddress v4 = InetAddress.getByName("127.0.0.2");
        InetAddress v6 = InetAddress.getByName("::1");
        MemberDirectory d = new MemberDirectory(List.of(
                new MemberDirectory.Entry("a", new Address("127.0.0.2", 7946, v4)),
                new MemberDirectory.Entry("b", new Address("::1", 7947, v6))));
        MemberDirectory back = MemberDirectory.decode(d.encode());
        assertThat(back.entries()).extracting(MemberDirectory.Entry::name).containsExactly("a", "b");
        assertThat(back.entries()).extracting(e -> e.address().address()).containsExactly(v4, v6);
        assertThat(back.entries()).extracting(e -> e.address().port()).containsExactly(7946, 7947);
    }

    @Test
    void skipsMalformedLinesAndHostNamesWithoutResolvingThem() {
        String text = "ok 127.0.0.1 7946\n"
                + "name-only\n"
                + "host localhost 7946\n"          // a host name: would need DNS, so refused
                + "dead deadbeef 7946\n"           // hex letters, still not a literal
                + "port 127.0.0.1 0\n"
                + "port2 127.0.0.1 70000\n"
                + "nan 127.0.0.1 x\n"
                + "octet 256.0.0.1 7946\n"
                + "extra 127.0.0.1 7946 more\n"
                + "v6 ::1 7948\n";
        MemberDirectory d = MemberDirectory.decode(text.getBytes(StandardCharsets.UTF_8));
        assertThat(d.entries()).extracting(MemberDirectory.Entry::name).containsExactly("ok", "v6");
    }

    @Test
    void capsTheNumberOfEntries() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < MemberDirectory.MAX_ENTRIES + 100; i++) {
            sb.append("n").append(i).append(" 127.0.0.1 ").append(1000 + i % 60000).append('\n');
        }
        assertThat(MemberDirectory.decode(sb.toString().getBytes(StandardCharsets.UTF_8)).entries())
                .hasSize(MemberDirectory.MAX_ENTRIES);
    }
}
