package io.herald.config.naming;

import io.herald.config.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import io.herald.core.Labels;

/**
 * The naming schema: which DNS names each environment's services get. Environments not listed use the default
 * templates. Validated when built: ambiguous templates (two environments that could produce the same name) are
 * rejected with the keys of both.
 */
public final class NamingConfig {
    public static final String DEFAULT_DOMAIN = "service";
    public static final List<String> DEFAULT_TEMPLATES = List.of("{service}.{env}.{domain}");

    private final String domain;
    private final Map<String, List<NameTemplate>> environments;
    private final List<NameTemplate> defaults;
    private final Map<String, List<NameSuffix>> rendered = new ConcurrentHashMap<>();

    private NamingConfig(String domain, Map<String, List<NameTemplate>> environments, List<NameTemplate> defaults) {
        this.domain = domain;
        this.environments = environments;
        this.defaults = defaults;
    }

    /** Default schema: every environment as a subdomain of {@code service}, and prod also owns the bare name. */
    public static NamingConfig defaults() {
        Map<String, List<String>> envs = new LinkedHashMap<>();
        envs.put("prod", List.of("{service}.{env}.{domain}", "{service}.{domain}"));
        return of(DEFAULT_DOMAIN, envs, DEFAULT_TEMPLATES);
    }

    /**
     * Builds and validates a schema.
     *
     * @param domain       e.g. "service" (also "svc.example" with several labels)
     * @param environments env name to its templates, in the order names should be listed
     * @param defaults     templates for environments not listed; each must use {env}
     */
    public static NamingConfig of(String domain, Map<String, List<String>> environments, List<String> defaults) {
        String d = checkDomain(domain);
        Map<String, List<NameTemplate>> envs = new LinkedHashMap<>();
        environments.forEach((env, templates) -> {
            String key = "naming.environments." + env;
            String e;
            try {
                e = Labels.label(key, env);
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(key, "environment names must be one DNS label, got '" + env + "'");
            }
            if (templates == null || templates.isEmpty()) {
                throw new ConfigException(key, "list at least one template, e.g. [\"{service}.{env}.{domain}\"]");
            }
            List<NameTemplate> parsed = new ArrayList<>();
            for (int i = 0; i < templates.size(); i++) {
                parsed.add(NameTemplate.parse(key + "[" + i + "]", templates.get(i)));
            }
            envs.put(e, List.copyOf(parsed));
        });
        if (defaults == null || defaults.isEmpty()) {
            throw new ConfigException("naming.default", "list at least one template, e.g. [\"{service}.{env}.{domain}\"]");
        }
        List<NameTemplate> defs = new ArrayList<>();
        for (int i = 0; i < defaults.size(); i++) {
            NameTemplate t = NameTemplate.parse("naming.default[" + i + "]", defaults.get(i));
            if (!t.usesEnv()) {
                throw new ConfigException("naming.default[" + i + "]", "template '" + t
                        + "' must use {env}: without it every unlisted environment would share one name");
            }
            defs.add(t);
        }
        NamingConfig config = new NamingConfig(d, java.util.Collections.unmodifiableMap(envs), List.copyOf(defs));
        config.checkAmbiguity();
        return config;
    }

    private static String checkDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw new ConfigException("dns.domain", "a domain is required, e.g. service");
        }
        String d = domain.trim().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        for (String label : d.split("\\.", -1)) {
            if (!Labels.isLabel(label)) {
                throw new ConfigException("dns.domain", "'" + domain + "' is not a domain name (labels of letters, digits, inner hyphens)");
            }
        }
        return d;
    }

    /** Rejects two listed templates (same or different environments) that could name the same thing. */
    private void checkAmbiguity() {
        List<NameSuffix> all = new ArrayList<>();
        environments.keySet().forEach(env -> all.addAll(suffixes(env)));
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                NameSuffix a = all.get(i);
                NameSuffix b = all.get(j);
                if (a.overlaps(b)) {
                    throw new ConfigException("naming.environments." + b.env(), "template '" + b.template()
                            + "' (names like 'web" + b.suffix() + "') is ambiguous with template '" + a.template()
                            + "' of environment '" + a.env() + "' (names like 'web" + a.suffix()
                            + "'): a service name could match both; give each environment a distinct suffix");
                }
            }
        }
    }

    public String domain() {
        return domain;
    }

    public Set<String> configuredEnvironments() {
        return new TreeSet<>(environments.keySet());
    }

    public List<NameTemplate> templatesFor(String env) {
        return environments.getOrDefault(env, defaults);
    }

    /** The rendered suffixes of an environment, first one primary (used for SRV target names). */
    public List<NameSuffix> suffixes(String env) {
        return rendered.computeIfAbsent(env, e -> {
            List<NameSuffix> out = new ArrayList<>();
            for (NameTemplate t : templatesFor(e)) {
                out.add(t.render(e, domain));
            }
            return List.copyOf(out);
        });
    }

    /** Zone apexes for the configured environments plus the given ones (e.g. those present in the catalogue). */
    public Set<String> zones(Collection<String> moreEnvs) {
        Set<String> zones = new LinkedHashSet<>();
        zones.add(domain);
        environments.keySet().forEach(env -> suffixes(env).forEach(s -> zones.add(s.zone())));
        moreEnvs.forEach(env -> suffixes(env).forEach(s -> zones.add(s.zone())));
        return zones;
    }
}
