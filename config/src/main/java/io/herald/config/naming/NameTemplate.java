package io.herald.config.naming;

import io.herald.config.ConfigException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One naming convention, e.g. {@code {service}.{env}.{domain}}. A template starts with {@code {service}} (always a
 * label of its own start, so the service can be read back from a name), ends with {@code {domain}}, and may use
 * {@code {env}} anywhere in between. Rendering for an environment and domain yields a {@link NameSuffix}: the fixed
 * text that follows the service name.
 */
public record NameTemplate(String text) {
    private static final Pattern RENDERED = Pattern.compile("[a-z0-9.-]+");

    public static NameTemplate parse(String key, String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(key, "a name template is required, e.g. {service}.{env}.{domain}");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!t.startsWith("{service}")) {
            throw new ConfigException(key, "template '" + text + "' must start with {service}, e.g. {service}.{env}.{domain}");
        }
        if (!t.endsWith("{domain}")) {
            throw new ConfigException(key, "template '" + text + "' must end with {domain}, e.g. {service}.{env}.{domain}");
        }
        String rest = t.substring("{service}".length());
        if (rest.isEmpty() || (rest.charAt(0) != '.' && rest.charAt(0) != '-')) {
            throw new ConfigException(key, "template '" + text + "' needs '.' or '-' right after {service}");
        }
        if (rest.contains("{service}")) {
            throw new ConfigException(key, "template '" + text + "' uses {service} more than once");
        }
        String probe = rest.replace("{env}", "e").replace("{domain}", "d");
        if (!RENDERED.matcher(probe).matches() || probe.contains("..") || probe.endsWith(".") || probe.contains("-.")
                || probe.contains(".-")) {
            throw new ConfigException(key, "template '" + text
                    + "' may contain only {service}, {env}, {domain}, letters, digits, '-' and '.' between labels");
        }
        return new NameTemplate(t);
    }

    public boolean usesEnv() {
        return text.contains("{env}");
    }

    /** The fixed part that follows the service name for this environment and domain, e.g. ".prod.service". */
    public NameSuffix render(String env, String domain) {
        String rest = text.substring("{service}".length());
        int domainAt = rest.indexOf("{domain}");
        // The zone apex is the label holding {domain} plus everything after it: "{env}-{domain}" makes one zone
        // per environment, ".{env}.{domain}" puts every environment under one zone.
        int labelStart = rest.lastIndexOf('.', domainAt) + 1;
        String zoneTemplate = rest.substring(labelStart);
        String suffix = rest.replace("{env}", env).replace("{domain}", domain);
        String zone = zoneTemplate.replace("{env}", env).replace("{domain}", domain);
        return new NameSuffix(suffix, zone, env, this);
    }

    @Override
    public String toString() {
        return text;
    }
}
