package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeConfigTest {

    @ParameterizedTest(name = "''{0}'' becomes {1}")
    @CsvSource(delimiter = '|', value = {
        "web01 | web01",
        "Web01.prod.example.com | web01",
        "my_host | my-host",
        "--odd--name-- | odd-name",
        "host name with spaces | host-name-with-spaces",
        "ÜBER-host | ber-host",
        "___ | herald",
        "'' | herald",
        ".example.com | herald",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbb | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void hostNamesAreSanitizedToOneLabel(String host, String label) {
        assertThat(NodeConfig.sanitize(host)).isEqualTo(label);
    }

    @Test
    void nullHostNameFallsBack() {
        assertThat(NodeConfig.sanitize(null)).isEqualTo("herald");
    }

    @Test
    void defaultIsTheSanitizedHostNameAndLayersOverrideIt() {
        Section empty = ConfigLoader.load(new String[0], Map.of()).root();
        assertThat(NodeConfig.from(empty, () -> "Node-7.dc1.example").name()).isEqualTo("node-7");
        Section flagged = ConfigLoader.load(new String[] {"--node-name", "Alpha"}, Map.of()).root();
        assertThat(NodeConfig.from(flagged, () -> "ignored").name()).isEqualTo("alpha");
        Section env = ConfigLoader.load(new String[0], Map.of("HERALD_NODE_NAME", "beta")).root();
        assertThat(NodeConfig.from(env, () -> "ignored").name()).isEqualTo("beta");
    }

    @Test
    void machineDefaultIsAlwaysAValidLabel() {
        assertThat(NodeConfig.from(ConfigLoader.load(new String[0], Map.of()).root()).name())
                .matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    }

    @Test
    void invalidNameIsRejectedNamingKeyAndSource() {
        Section root = ConfigLoader.load(new String[] {"--node-name=node_1"}, Map.of()).root();
        assertThatThrownBy(() -> NodeConfig.from(root, () -> "h"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("node.name: must be one DNS label (letters, digits and inner hyphens, 1-63 characters),"
                        + " got 'node_1' (from flag --node-name)");
        assertThatThrownBy(() -> new NodeConfig("-x"))
                .hasMessage("node.name: must be one DNS label (letters, digits and inner hyphens, 1-63 characters),"
                        + " got '-x'");
    }
}
