package io.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and the config file as a whole. */
class LoaderTest {
    @TempDir
    Path dir;

    @Test
    void noConfigFileMeansAnEmptyTree() {
        LoadedConfig cfg = ConfigLoader.load(new String[0], Map.of());
        assertThat(cfg.configFile()).isEmpty();
        assertThat(cfg.root().keys()).isEmpty();
        assertThat(cfg.helpRequested()).isFalse();
        assertThat(cfg.versionRequested()).isFalse();
    }

    @Test
    void configFileFromFlagOrEnvironmentFlagWinning() {
        Path a = Configs.write(dir, "a.yaml", "node:\n  name: from-a\n");
        Path b = Configs.write(dir, "b.yaml", "node:\n  name: from-b\n");
        LoadedConfig viaEnv = ConfigLoader.load(new String[0], Map.of("HERALD_CONFIG", a.toString()));
        assertThat(viaEnv.root().string("node.name", null, "n")).isEqualTo("from-a");
        viaEnv.checkAllConsumed(); // HERALD_CONFIG itself is not an unknown variable
        LoadedConfig both = ConfigLoader.load(new String[] {"--config=" + b}, Map.of("HERALD_CONFIG", a.toString()));
        assertThat(both.root().string("node.name", null, "n")).isEqualTo("from-b");
        assertThat(both.configFile()).contains(b.toString());
    }

    @Test
    void emptyOrCommentOnlyFileIsAnEmptyTree() {
        assertThat(Configs.load(dir, "", Map.of()).root().keys()).isEmpty();
        assertThat(Configs.load(dir, "# nothing yet\n", Map.of()).root().keys()).isEmpty();
    }

    @Test
    void missingFileIsNamed() {
        String missing = dir.resolve("nope.yaml").toString();
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", missing}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config: config file " + missing + " does not exist");
    }

    @Test
    void unreadableFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", dir.toString()}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config: cannot read config file " + dir + ": ");
    }

    @Test
    void invalidYamlNamesFileAndLine() {
        String yaml = "dns:\n  port: 53\n  domain: [unclosed\nhttp:\n  port: 80\n";
        assertThatThrownBy(() -> Configs.load(dir, yaml, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config: invalid YAML in config file " + Configs.file(dir) + " line ");
        assertThatThrownBy(() -> Configs.load(dir, "a: 1\n b: 2\n", Map.of()))
                .hasMessageStartingWith("config: invalid YAML in config file " + Configs.file(dir) + " line 2 column ");
    }

    @Test
    void topLevelMustBeAMap() {
        assertThatThrownBy(() -> Configs.load(dir, "- a\n- b\n", Map.of()))
                .hasMessageStartingWith("config: config file " + Configs.file(dir) + " line 1: the top level must be a map");
    }

    @Test
    void duplicateKeysAreRejectedWithBothLines() {
        assertThatThrownBy(() -> Configs.load(dir, "dns:\n  port: 53\n  port: 54\n", Map.of()))
                .hasMessage("dns.port: set twice in config file " + Configs.file(dir) + " (lines 2 and 3); keep one");
    }

    @Test
    void selfReferencingAliasIsRejectedNotLooped() {
        assertThatThrownBy(() -> Configs.load(dir, "a: &x\n  b: *x\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(Configs.file(dir));
    }

    @Test
    void scalarsStayAsWrittenAndJavaTagsAreRefused() {
        LoadedConfig cfg = Configs.load(dir, "y: 0x10\nz: yes\n", Map.of());
        assertThat(cfg.root().string("y", null, "y")).isEqualTo("0x10");
        assertThat(cfg.root().string("z", null, "z")).isEqualTo("yes");
        assertThatThrownBy(() -> Configs.load(dir, "x: !!java.io.File /etc/passwd\n", Map.of()))
                .hasMessageStartingWith("config: invalid YAML in config file " + Configs.file(dir) + " line 1 column 4:");
    }

    @Test
    void helpAndVersionAreRecognisedAndSkipABrokenFile() {
        Path broken = Configs.write(dir, "broken.yaml", "a: [\n");
        LoadedConfig help = ConfigLoader.load(new String[] {"--config", broken.toString(), "-h"}, Map.of());
        assertThat(help.helpRequested()).isTrue();
        assertThat(ConfigLoader.load(new String[] {"--help"}, Map.of()).helpRequested()).isTrue();
        LoadedConfig version = ConfigLoader.load(new String[] {"--version", "--dns-port", "1"}, Map.of());
        assertThat(version.versionRequested()).isTrue();
        assertThat(version.root().integer("dns.port", 53, 0, 65535, "p")).isEqualTo(1);
    }

    @Test
    void malformedCommandLinesAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"serve"}, Map.of()))
                .hasMessage("serve: unexpected argument; settings are given as flags such as --dns-port=53 (see --help)");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"-p", "53"}, Map.of()))
                .hasMessage("-p: unknown flag; flags start with '--', e.g. --dns-port=53 (see --help)");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--=5"}, Map.of()))
                .hasMessage("--=5: a flag needs a name, e.g. --dns-port=53 (see --help)");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config"}, Map.of()))
                .hasMessage("--config: needs a file name, e.g. --config /etc/herald/herald.yaml");
    }

    @Test
    void negativeNumbersAreValuesNotFlags() {
        LoadedConfig cfg = ConfigLoader.load(new String[] {"--offset", "-5"}, Map.of());
        assertThat(cfg.root().integer("offset", 0, -10, 10, "o")).isEqualTo(-5);
    }
}
