package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.config.naming.NamingConfig;
import io.herald.config.naming.NamingSection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --help runs the factories against an empty config and lists every key they read. */
class HelpTextTest {

    @Test
    void factoriesRunOnAnEmptyConfigAndEveryKeyIsListedWithFlagEnvAndDefault() {
        LoadedConfig cfg = ConfigLoader.load(new String[0], Map.of());
        Section root = cfg.root();
        NodeConfig node = NodeConfig.from(root, () -> "Build-Host.example.com");
        NamingConfig naming = NamingSection.from(root);
        root.section("dns").integer("port", 53, 0, 65535, "UDP and TCP port");
        root.section("dns").duration("tcp_idle_timeout", Duration.ofSeconds(10), Duration.ofMillis(100), null, "idle");
        root.section("http").cidrs("allow", List.of("127.0.0.0/8"), "clients allowed");
        root.list("services", "static services");

        assertThat(node.name()).isEqualTo("build-host");
        assertThat(naming.domain()).isEqualTo("service");
        cfg.checkAllConsumed();

        String help = cfg.helpText();
        assertThat(help).contains("--config FILE", "--help, -h", "--version");
        assertThat(help.lines()).anySatisfy(l -> assertThat(l)
                .matches("dns\\.port +--dns-port +HERALD_DNS_PORT +53 +UDP and TCP port \\[integer 0\\.\\.65535]"));
        assertThat(help.lines()).anySatisfy(l -> assertThat(l)
                .matches("dns\\.domain +--dns-domain, --domain +HERALD_DNS_DOMAIN +service +DNS domain .*"));
        assertThat(help.lines()).anySatisfy(l -> assertThat(l)
                .matches("dns\\.tcp_idle_timeout +--dns-tcp-idle-timeout +HERALD_DNS_TCP_IDLE_TIMEOUT +10s +idle.*"));
        assertThat(help.lines()).anySatisfy(l -> assertThat(l)
                .matches("node\\.name +--node-name +HERALD_NODE_NAME +build-host +.*"));
        assertThat(help.lines()).anySatisfy(l -> assertThat(l)
                .matches("naming\\.environments +--naming-environments-NAME +HERALD_NAMING_ENVIRONMENTS_NAME +prod: "
                        + "\\{service}\\.\\{env}\\.\\{domain}, \\{service}\\.\\{domain} .*"));
        assertThat(help.lines()).anySatisfy(l -> assertThat(l)
                .matches("http\\.allow +--http-allow +HERALD_HTTP_ALLOW +127\\.0\\.0\\.0/8 +clients allowed.*"));
        assertThat(help.lines()).anySatisfy(l -> assertThat(l).matches("services +\\(file only\\) +static services \\[list of maps]"));
    }

    @Test
    void keysInsideListItemsAreListedOnceAsFileOnly() {
        LoadedConfig cfg = ConfigLoader.load(new String[0], Map.of());
        cfg.root().list("services", "static services"); // empty: nothing to read inside
        assertThat(cfg.helpEntries()).extracting(HelpEntry::key).containsExactly("services");
    }

    @Test
    void helpEntriesKeepTheFirstRecording() {
        LoadedConfig cfg = ConfigLoader.load(new String[0], Map.of());
        cfg.root().section("dns").integer("port", 53, 0, 65535, "first");
        cfg.root().section("dns").integer("port", 54, 0, 65535, "second");
        assertThat(cfg.helpEntries()).singleElement().satisfies(e -> {
            assertThat(e.doc()).isEqualTo("first");
            assertThat(e.defaultValue()).isEqualTo("53");
            assertThat(e.flags()).containsExactly("--dns-port");
            assertThat(e.env()).isEqualTo("HERALD_DNS_PORT");
        });
    }
}
