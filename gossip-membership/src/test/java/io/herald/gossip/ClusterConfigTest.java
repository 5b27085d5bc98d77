package io.herald.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    @Test
    void lanIsTheBaseProfile() {
        Timings lan = ClusterProfile.LAN.timings();
        assertThat(lan).isEqualTo(new Timings(Duration.ofMillis(200), Duration.ofMillis(200), 2, Duration.ofSeconds(1),
                Duration.ofMillis(100), 3, Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertThat(lan.repairInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void wanMultipliesEveryDurationByFiveAndAddsOneToCounts() {
        Timings lan = ClusterProfile.LAN.timings();
        Timings wan = ClusterProfile.WAN.timings();
        assertThat(wan.probeInterval()).isEqualTo(lan.probeInterval().multipliedBy(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(wan.probeTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(wan.failureTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(wan.gossipInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(wan.rejoinInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(wan.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(wan.suspectProbes()).isEqualTo(lan.suspectProbes() + 1).isEqualTo(3);
        assertThat(wan.gossipFanout()).isEqualTo(lan.gossipFanout() + 1).isEqualTo(4);
    }

    @Test
    void localHalvesEveryDurationAndKeepsCounts() {
        Timings local = ClusterProfile.LOCAL.timings();
        assertThat(local.probeInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(local.probeTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(local.failureTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(local.gossipInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(local.rejoinInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(local.requestTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(local.suspectProbes()).isEqualTo(2);
        assertThat(local.gossipFanout()).isEqualTo(3);
    }

    @Test
    void explicitKnobsWinOverTheProfile() {
        ClusterConfig c = ClusterConfig.builder().enabled(true).profile(ClusterProfile.WAN)
                .probeTimeout(Duration.ofMillis(700)).gossipFanout(6).build();
        assertThat(c.timings().probeTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(c.timings().gossipFanout()).isEqualTo(6);
        assertThat(c.timings().probeInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.port()).isEqualTo(7946);
        assertThat(c.advertisedAddress()).isEqualTo("127.0.0.1");
        assertThat(ClusterConfig.builder().build().enabled()).isFalse();
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> ClusterConfig.builder().probeTimeout(Duration.ZERO).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("cluster.probe_timeout: must be from 10ms to 1m, got 0s");
        assertThatThrownBy(() -> ClusterConfig.builder().gossipFanout(0).build())
                .hasMessage("cluster.gossip_fanout: must be from 1 to 32, got 0");
        assertThatThrownBy(() -> ClusterConfig.builder().address("0.0.0.0").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cluster.address: must be an address peers can reach, not the wildcard");
        assertThatThrownBy(() -> ClusterConfig.builder().address("my-host").build())
                .hasMessage("cluster.address: must be an IPv4 or IPv6 literal, got 'my-host'");
        assertThatThrownBy(() -> ClusterConfig.builder().port(0).build())
                .hasMessage("cluster.port: must be from 1 to 65535, got 0");
        assertThatThrownBy(() -> ClusterProfile.parse("metro"))
                .hasMessage("cluster.profile: must be one of lan, wan, local, got 'metro'");
    }

    @Test
    void seedsParseWithAndWithoutPorts() {
        assertThat(Seed.parse("10.0.0.5:7000", 7946)).isEqualTo(new Seed("10.0.0.5", 7000));
        assertThat(Seed.parse("herald-2.internal", 7946)).isEqualTo(new Seed("herald-2.internal", 7946));
        assertThat(Seed.parse("[fd00::5]:7000", 7946)).isEqualTo(new Seed("fd00::5", 7000));
        assertThat(Seed.parse("[fd00::5]", 7946).toString()).isEqualTo("[fd00::5]:7946");
        assertThatThrownBy(() -> Seed.parse("fd00::5", 7946))
                .hasMessage("cluster.join: an IPv6 seed must be written as [address]:port");
        assertThatThrownBy(() -> Seed.parse("host:http", 7946))
                .hasMessageStartingWith("cluster.join: each seed must be host:port");
        assertThatThrownBy(() -> Seed.parse("host:70000", 7946))
                .hasMessage("cluster.join: port must be from 1 to 65535");
        assertThatThrownBy(() -> Seed.parse("bad_host!:1", 7946))
                .hasMessage("cluster.join: host must be a host name or an IP address");
    }

    @Test
    void forTestBuildsAnEnabledLoopbackNode() {
        ClusterConfig c = ClusterConfig.forTest(17946, List.of(new Seed("127.0.0.1", 17947)));
        assertThat(c.enabled()).isTrue();
        assertThat(c.address().isLoopbackAddress()).isTrue();
        assertThat(c.profile()).isEqualTo(ClusterProfile.LAN);
        assertThat(c.join()).containsExactly(new Seed("127.0.0.1", 17947));
    }
}
