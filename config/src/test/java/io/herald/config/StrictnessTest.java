package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anything set but never read fails {@link LoadedConfig#checkAllConsumed()}, with a suggestion when close. */
class StrictnessTest {
    @TempDir
    Path dir;

    private static void readDns(LoadedConfig cfg) {
        Section dns = cfg.root().section("dns");
        dns.integer("port", 53, 0, 65535, "port");
        dns.string("domain", "service", "domain");
    }

    @Test
    void misspeltYamlKeySuggestsTheKeyThatWasRead() {
        LoadedConfig cfg = Configs.load(dir, "dns:\n  domain: service\n  prot: 5353\n", Map.of());
        readDns(cfg);
        assertThatThrownBy(cfg::checkAllConsumed)
                .isInstanceOf(ConfigException.class)
                .hasMessage("dns.prot: unknown key; did you mean dns.port? (from config file " + Configs.file(dir)
                        + " line 3)");
    }

    @Test
    void unknownTopLevelSectionAndFarOffKeysGetNoWildGuess() {
        LoadedConfig cfg = Configs.load(dir, "dsn:\n  port: 1\n", Map.of());
        readDns(cfg);
        assertThatThrownBy(cfg::checkAllConsumed).hasMessageStartingWith("dsn: unknown key; did you mean dns?");

        LoadedConfig far = Configs.load(dir, "dns:\n  completely_unrelated: 1\n", Map.of());
        readDns(far);
        assertThatThrownBy(far::checkAllConsumed)
                .hasMessage("dns.completely_unrelated: unknown key; see --help for the keys Herald reads (from config"
                        + " file " + Configs.file(dir) + " line 2)");
    }

    @Test
    void unknownKeysInsideListItemsNameTheItem() {
        LoadedConfig cfg = Configs.load(dir, "services:\n  - name: web\n  - name: api\n    prot: 80\n", Map.of());
        for (Section s : cfg.root().list("services", "static services")) {
            s.string("name", null, "name");
            s.integer("port", 80, 1, 65535, "port");
        }
        assertThatThrownBy(cfg::checkAllConsumed).hasMessageStartingWith(
                "services[1].prot: unknown key; did you mean services[1].port?");
    }

    @Test
    void unknownFlagIsReportedWithSuggestion() {
        LoadedConfig cfg = ConfigLoader.load(new String[] {"--dns-prot=5353"}, Map.of());
        readDns(cfg);
        assertThatThrownBy(cfg::checkAllConsumed)
                .hasMessage("--dns-prot: unknown flag; did you mean --dns-port? see --help")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("--dns-prot");
        LoadedConfig far = ConfigLoader.load(new String[] {"--frobnicate"}, Map.of());
        readDns(far);
        assertThatThrownBy(far::checkAllConsumed).hasMessage("--frobnicate: unknown flag; see --help");
    }

    @Test
    void unknownHeraldEnvironmentVariableIsReportedAndOthersIgnored() {
        LoadedConfig cfg = ConfigLoader.load(new String[0], Map.of("HERALD_DNS_PROT", "1", "PATH", "/bin", "HOME", "/"));
        readDns(cfg);
        assertThatThrownBy(cfg::checkAllConsumed)
                .hasMessage("HERALD_DNS_PROT: unknown environment variable; did you mean HERALD_DNS_PORT? see --help");
    }

    @Test
    void everythingReadPassesIncludingAliasesAndOverriddenFileValues() {
        LoadedConfig cfg = Configs.load(dir, "dns:\n  port: 53\n  domain: a\n", Map.of("HERALD_DNS_PORT", "54"),
                "--domain", "b");
        readDns(cfg);
        assertThatCode(cfg::checkAllConsumed).doesNotThrowAnyException();
    }

    @Test
    void sectionsThatWereEnteredButNotFullyReadStillReportTheirLeftovers() {
        LoadedConfig cfg = Configs.load(dir, "dns:\n  port: 53\n  tls:\n    cert: a.pem\n    kye: a.key\n", Map.of());
        readDns(cfg);
        Section tls = cfg.root().section("dns").section("tls");
        tls.string("cert", null, "cert");
        tls.string("key", null, "key");
        assertThatThrownBy(cfg::checkAllConsumed).hasMessageStartingWith("dns.tls.kye: unknown key; did you mean dns.tls.key?");
    }

    @Test
    void fileKeysAreReportedBeforeFlagsAndFlagsBeforeEnvironment() {
        LoadedConfig cfg = Configs.load(dir, "bogus: 1\n", Map.of("HERALD_BOGUS_TOO", "1"), "--bogus-flag");
        assertThatThrownBy(cfg::checkAllConsumed).hasMessageStartingWith("bogus: unknown key");
        cfg.root().string("bogus", null, "x");
        assertThatThrownBy(cfg::checkAllConsumed).hasMessageStartingWith("--bogus-flag: unknown flag");
        cfg.root().bool("bogus_flag", false, "x");
        assertThatThrownBy(cfg::checkAllConsumed).hasMessageStartingWith("HERALD_BOGUS_TOO: unknown environment variable");
        cfg.root().strings("bogus_too", List.of(), "x");
        assertThatCode(cfg::checkAllConsumed).doesNotThrowAnyException();
    }

    @Test
    void nullValuedSectionsAndKeysStillCountAsKnownOnceRead() {
        LoadedConfig cfg = Configs.load(dir, "dns:\nhttp:\n  port:\n", Map.of());
        readDns(cfg);
        assertThat(cfg.root().section("http").integer("port", 8080, 0, 65535, "p")).isEqualTo(8080);
        assertThatCode(cfg::checkAllConsumed).doesNotThrowAnyException();
    }
}
