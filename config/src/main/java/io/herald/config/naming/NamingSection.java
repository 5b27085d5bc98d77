package io.herald.config.naming;

import io.herald.config.Section;
import io.herald.core.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the naming schema: {@code dns.domain} ({@code --domain}), {@code naming.default} and
 * {@code naming.environments}, e.g.
 *
 * <pre>
 * dns:
 *   domain: service
 * naming:
 *   default: ["{service}.{env}.{domain}"]
 *   environments:
 *     prod: ["{service}.{env}.{domain}", "{service}.{domain}"]
 * </pre>
 */
public final class NamingSection {
    /** Used when {@code naming.environments} is absent: prod also owns the bare {@code web.service}. */
    public static final Map<String, List<String>> DEFAULT_ENVIRONMENTS = defaultEnvironments();

    private NamingSection() {}

    public static NamingConfig from(Section root) {
        String domain = root.section("dns").value("domain", NamingConfig.DEFAULT_DOMAIN, "domain name",
                "DNS domain the service names live under, e.g. service or svc.example", NamingSection::domain);
        Section naming = root.section("naming");
        List<String> defaults = naming.values("default", NamingConfig.DEFAULT_TEMPLATES, "list of name templates",
                "name templates for environments not listed in naming.environments; each must use {env}",
                text -> NameTemplate.parse("naming.default", text).text());
        Map<String, List<String>> environments = naming.stringLists("environments", DEFAULT_ENVIRONMENTS,
                "name templates per environment, e.g. prod: [\"{service}.{env}.{domain}\", \"{service}.{domain}\"]");
        return NamingConfig.of(domain, environments, defaults);
    }

    private static String domain(String text) {
        String d = text.trim().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        for (String label : d.split("\\.", -1)) {
            if (!Labels.isLabel(label)) {
                throw new IllegalArgumentException(
                        "must be a domain name: DNS labels of letters, digits and inner hyphens joined by dots");
            }
        }
        return d;
    }

    private static Map<String, List<String>> defaultEnvironments() {
        Map<String, List<String>> envs = new LinkedHashMap<>();
        envs.put("prod", List.of("{service}.{env}.{domain}", "{service}.{domain}"));
        return java.util.Collections.unmodifiableMap(envs);
    }
}
