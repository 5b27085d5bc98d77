package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.core.Health;
import io.herald.core.ServiceInstance;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CatalogCodecTest {
    private static ServiceInstance v4() throws Exception {
        return new ServiceInstance("web", "prod", "web-1", InetAddress.getByName("10.0.0.7"), 8443,
                new TreeSet<>(List.of("canary", "tls")), Map.of("version", "1.4.2", "zone", "eu-1ä"),
                Health.WARNING, "n1");
    }

    private static ServiceInstance v6() throws Exception {
        return new ServiceInstance("db", "staging", "db-0", InetAddress.getByName("fd00::7"), 5432,
                null, null, Health.CRITICAL, "n1");
    }

    @Test
    void roundTripsEveryField() throws Exception {
        CatalogSnapshot s = new CatalogSnapshot("n1", "boot-1", 42, List.of(v4(), v6()));
        CatalogSnapshot back = CatalogCodec.decode(CatalogCodec.encode(s));
        assertThat(back).isEqualTo(s);
        assertThat(back.instances().get(1).address().getAddress()).hasSize(16);
    }

    @Test
    void sizeEstimateIsExact() throws Exception {
        CatalogSnapshot s = new CatalogSnapshot("n1", "boot-1", 7, List.of(v4(), v6()));
        int estimate = CatalogCodec.headerSize("n1", "boot-1") + CatalogCodec.encodedSize(v4())
                + CatalogCodec.encodedSize(v6());
        assertThat(CatalogCodec.encode(s)).hasSize(estimate);
    }

    @Test
    void rejectsTruncatedForeignAndInvalidMessages() throws Exception {
        byte[] good = CatalogCodec.encode(new CatalogSnapshot("n1", "b", 1, List.of(v4())));
        assertThatThrownBy(() -> CatalogCodec.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] foreign = good.clone();
        foreign[0] = 9;
        assertThatThrownBy(() -> CatalogCodec.decode(foreign))
                .hasMessageContaining("unknown catalogue format 9");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> CatalogCodec.decode(longer)).hasMessageContaining("trailing");

        // An invalid DNS label inside a well-formed message is refused by ServiceInstance's validation.
        String encoded = new String(good, StandardCharsets.ISO_8859_1).replace("web-1", "web_1");
        assertThatThrownBy(() -> CatalogCodec.decode(encoded.getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessageContaining("id");
    }
}
