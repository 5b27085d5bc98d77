package io.herald.config.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamingSectionTest {
    @TempDir
    Path dir;

    private LoadedConfig load(String yaml, Map<String, String> env, String... flags) throws IOException {
        Path file = Files.writeString(dir.resolve("herald.yaml"), yaml);
        String[] args = new String[flags.length + 2];
        args[0] = "--config";
        args[1] = file.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        return ConfigLoader.load(args, env);
    }

    @Test
    void defaultsGiveEnvironmentSubdomainsAndBareProdNames() {
        LoadedConfig cfg = ConfigLoader.load(new String[0], Map.of());
        NamingConfig naming = NamingSection.from(cfg.root());
        assertThat(naming.domain()).isEqualTo("service");
        assertThat(naming.configuredEnvironments()).containsExactly("prod");
        assertThat(naming.suffixes("prod")).extracting(NameSuffix::suffix).containsExactly(".prod.service", ".service");
        assertThat(naming.suffixes("dev")).extracting(NameSuffix::suffix).containsExactly(".dev.service");
        assertThat(naming.zones(List.of("dev"))).containsExactly("service");
        cfg.checkAllConsumed();
    }

    @Test
    void readsDomainDefaultsAndEnvironmentsFromTheFile() throws IOException {
        String yaml = """
                dns:
                  domain: Svc.Example.
                naming:
                  default: ["{service}.{env}-{domain}"]
                  environments:
                    prod: ["{service}.{domain}"]
                    staging: ["{service}-{env}.{env}-{domain}"]
                """;
        LoadedConfig cfg = load(yaml, Map.of());
        NamingConfig naming = NamingSection.from(cfg.root());
        assertThat(naming.domain()).isEqualTo("svc.example");
        assertThat(naming.suffixes("prod")).extracting(NameSuffix::suffix).containsExactly(".svc.example");
        assertThat(naming.suffixes("staging")).extracting(NameSuffix::zone).containsExactly("staging-svc.example");
        assertThat(naming.suffixes("dev")).extracting(NameSuffix::suffix).containsExactly(".dev-svc.example");
        cfg.checkAllConsumed();
    }

    @Test
    void domainAliasAndPerEnvironmentVariablesOverrideTheFile() throws IOException {
        LoadedConfig cfg = load("dns:\n  domain: service\n", Map.of("HERALD_NAMING_ENVIRONMENTS_DEV",
                "{service}.{env}.{domain}"), "--domain", "internal");
        NamingConfig naming = NamingSection.from(cfg.root());
        assertThat(naming.domain()).isEqualTo("internal");
        // Listing any environment replaces the default map, so prod is no longer special.
        assertThat(naming.configuredEnvironments()).containsExactly("dev");
        assertThat(naming.suffixes("prod")).extracting(NameSuffix::suffix).containsExactly(".prod.internal");
        cfg.checkAllConsumed();
    }

    @Test
    void explicitlyEmptyEnvironmentsMeansNoneListed() throws IOException {
        NamingConfig naming = NamingSection.from(load("naming:\n  environments: {}\n", Map.of()).root());
        assertThat(naming.configuredEnvironments()).isEmpty();
        assertThat(naming.suffixes("prod")).extracting(NameSuffix::suffix).containsExactly(".prod.service");
    }

    @Test
    void ambiguousTemplatesAreRejectedNamingBoth() throws IOException {
        String yaml = """
                naming:
                  environments:
                    prod: ["{service}-{env}.{domain}"]
                    dev: ["{service}.{domain}"]
                """;
        LoadedConfig cfg = load(yaml, Map.of());
        assertThatThrownBy(() -> NamingSection.from(cfg.root()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("naming.environments.")
                .hasMessageContaining("'{service}-{env}.{domain}'")
                .hasMessageContaining("'{service}.{domain}'")
                .hasMessageContaining("ambiguous");
    }

    @Test
    void badDomainAndTemplatesNameKeyAndSource() throws IOException {
        LoadedConfig cfg = load("naming:\n  default:\n    - \"{service}.{domain}\"\n", Map.of(), "--domain=bad_domain");
        assertThatThrownBy(() -> NamingSection.from(cfg.root()))
                .hasMessage("dns.domain: must be a domain name: DNS labels of letters, digits and inner hyphens joined"
                        + " by dots, got 'bad_domain' (from flag --domain)");
        LoadedConfig noEnv = load("naming:\n  default:\n    - \"{env}.{domain}\"\n", Map.of());
        assertThatThrownBy(() -> NamingSection.from(noEnv.root()))
                .hasMessage("naming.default: template '{env}.{domain}' must start with {service}, e.g."
                        + " {service}.{env}.{domain}, got '{env}.{domain}' (from config file " + dir.resolve("herald.yaml")
                        + " line 3)");
        LoadedConfig defaultWithoutEnv = load("naming:\n  default: [\"{service}.{domain}\"]\n", Map.of());
        assertThatThrownBy(() -> NamingSection.from(defaultWithoutEnv.root()))
                .hasMessageStartingWith("naming.default[0]: template '{service}.{domain}' must use {env}");
    }

    @Test
    void misspeltNamingKeyIsCaughtByTheStrictCheck() throws IOException {
        LoadedConfig cfg = load("naming:\n  enviroments:\n    prod: [\"{service}.{domain}\"]\n", Map.of());
        NamingSection.from(cfg.root());
        assertThatThrownBy(cfg::checkAllConsumed)
                .hasMessageStartingWith("naming.enviroments: unknown key; did you mean naming.environments?");
    }
}
