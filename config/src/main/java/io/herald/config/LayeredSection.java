package io.herald.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@link Section} over the loaded layers. Each read looks the key up in the flags, the environment and the file
 * (marking all three read, for {@link LoadedConfig#checkAllConsumed()}), keeps the highest layer's value with its
 * source for error messages, and records the key for {@code --help}.
 */
final class LayeredSection implements Section {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,19}");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private final LoadedConfig config;
    private final String path;
    private final YamlNode.Mapping yaml;
    /** Inside a YAML list of maps: such keys have no environment or flag spelling. */
    private final boolean fileOnly;

    /** A value and the layer it came from; {@code text} is null for a flag given without a value. */
    private record Found(String text, String source) {}

    /** A possibly dotted key resolved to the section that holds its last part. */
    private record Slot(LayeredSection owner, String name, String full) {}

    LayeredSection(LoadedConfig config, String path, YamlNode.Mapping yaml, boolean fileOnly) {
        this.config = config;
        this.path = path;
        this.yaml = yaml;
        this.fileOnly = fileOnly;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Section section(String name) {
        int dot = name.indexOf('.');
        if (dot >= 0) {
            return section(name.substring(0, dot)).section(name.substring(dot + 1));
        }
        config.requested(path, name);
        String full = KeyNames.join(path, name);
        YamlNode.Entry entry = yaml.entries().get(name);
        if (entry == null) {
            return new LayeredSection(config, full, YamlNode.Mapping.empty(), fileOnly);
        }
        entry.read = true;
        if (entry.value instanceof YamlNode.Mapping m) {
            return new LayeredSection(config, full, m, fileOnly);
        }
        if (entry.value instanceof YamlNode.Scalar s && s.text() == null) {
            return new LayeredSection(config, full, YamlNode.Mapping.empty(), fileOnly);
        }
        throw notA(full, "must be a map of keys (indented 'name: value' lines)", entry.value, entry.line);
    }

    @Override
    public Set<String> keys() {
        Set<String> out = new LinkedHashSet<>(yaml.entries().keySet());
        if (!fileOnly) {
            Set<String> folded = out.stream().map(KeyNames::fold).collect(Collectors.toSet());
            for (String name : config.childNamesOutsideFile(path)) {
                if (folded.add(KeyNames.fold(name))) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    @Override
    public boolean has(String key) {
        Slot s = slot(key);
        s.owner.config.requested(s.owner.path, s.name);
        YamlNode.Entry entry = s.owner.yaml.entries().get(s.name);
        if (entry != null && !(entry.value instanceof YamlNode.Scalar sc && sc.text() == null)) {
            return true;
        }
        return !s.owner.fileOnly && config.presentOutsideFile(s.full);
    }

    @Override
    public String string(String key, String def, String doc) {
        Slot s = slot(key);
        s.owner.describe(s.name, "string", def == null ? "" : def, doc);
        Found f = s.owner.scalar(s.name);
        return f == null ? def : text(s.full, f);
    }

    @Override
    public String requiredString(String key, String doc) {
        Slot s = slot(key);
        s.owner.describe(s.name, "string, required", "", doc);
        Found f = s.owner.scalar(s.name);
        if (f == null) {
            String where = s.owner.fileOnly ? "set it in the config file"
                    : "set it in the config file, as " + KeyNames.env(s.full) + " or as " + KeyNames.flag(s.full);
            throw new ConfigException(s.full, "is required (" + doc + "); " + where);
        }
        String text = text(s.full, f);
        if (text.isBlank()) {
            throw invalid(s.full, "must not be empty (" + doc + ")", f);
        }
        return text;
    }

    @Override
    public int integer(String key, int def, int min, int max, String doc) {
        return (int) longValue(key, def, min, max, doc, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public long longValue(String key, long def, long min, long max, String doc) {
        return longValue(key, def, min, max, doc, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private long longValue(String key, long def, long min, long max, String doc, long typeMin, long typeMax) {
        Slot s = slot(key);
        boolean bounded = min > typeMin || max < typeMax;
        String rule = bounded ? "must be an integer from " + min + " to " + max : "must be an integer";
        s.owner.describe(s.name, bounded ? "integer " + min + ".." + max : "integer", Long.toString(def), doc);
        Found f = s.owner.scalar(s.name);
        if (f == null) {
            return def;
        }
        String text = text(s.full, f).trim();
        long v;
        try {
            if (!INTEGER.matcher(text).matches()) {
                throw new NumberFormatException(text);
            }
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(s.full, rule, f);
        }
        if (v < min || v > max) {
            throw invalid(s.full, rule, f);
        }
        return v;
    }

    @Override
    public boolean bool(String key, boolean def, String doc) {
        Slot s = slot(key);
        s.owner.describe(s.name, "boolean", Boolean.toString(def), doc);
        Found f = s.owner.scalar(s.name);
        if (f == null) {
            return def;
        }
        if (f.text == null) {
            return true; // a bare --flag
        }
        String t = f.text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        throw invalid(s.full, "must be true or false", f);
    }

    @Override
    public Duration duration(String key, Duration def, Duration min, Duration max, String doc) {
        Slot s = slot(key);
        Duration lo = min == null ? Duration.ZERO : min;
        String type = "duration " + Durations.format(lo) + ".." + (max == null ? "" : Durations.format(max));
        s.owner.describe(s.name, type, def == null ? "" : Durations.format(def), doc);
        Found f = s.owner.scalar(s.name);
        if (f == null) {
            return def;
        }
        Duration d;
        try {
            d = Durations.parse(text(s.full, f));
        } catch (IllegalArgumentException e) {
            throw invalid(s.full, e.getMessage(), f);
        }
        if (d.compareTo(lo) < 0 || (max != null && d.compareTo(max) > 0)) {
            String range = max == null ? "must be at least " + Durations.format(lo)
                    : "must be from " + Durations.format(lo) + " to " + Durations.format(max);
            throw invalid(s.full, range, f);
        }
        return d;
    }

    @Override
    public InetAddress address(String key, String def, String doc) {
        return value(key, def, "IP address", doc, IpLiterals::parse);
    }

    @Override
    public List<String> strings(String key, List<String> def, String doc) {
        Slot s = slot(key);
        s.owner.describe(s.name, "list", def == null ? "" : String.join(", ", def), doc);
        List<Found> items = s.owner.items(s.name);
        if (items == null) {
            return def == null ? List.of() : def;
        }
        return items.stream().map(Found::text).toList();
    }

    @Override
    public List<Section> list(String key, String doc) {
        Slot s = slot(key);
        LayeredSection owner = s.owner;
        owner.config.describe(new HelpEntry(INDEX.matcher(s.full).replaceAll("[]"), "list of maps", "", doc,
                List.of(), null));
        owner.config.requested(owner.path, s.name);
        if (!owner.fileOnly) {
            List<CommandLine.Flag> flags = config.flagsFor(s.full);
            String env = config.envFor(s.full);
            if (!flags.isEmpty() || env != null) {
                Found f = !flags.isEmpty() ? flagFound(flags.get(flags.size() - 1))
                        : new Found(env, "environment " + KeyNames.env(s.full));
                throw invalid(s.full, "is a list of maps and can only be set in the config file", f);
            }
        }
        YamlNode.Entry entry = owner.yaml.entries().get(s.name);
        if (entry == null) {
            return List.of();
        }
        entry.read = true;
        if (entry.value instanceof YamlNode.Scalar sc && sc.text() == null) {
            return List.of();
        }
        if (!(entry.value instanceof YamlNode.Sequence seq)) {
            throw notA(s.full, "must be a list of maps (lines starting '- name: value')", entry.value, entry.line);
        }
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String itemPath = s.full + "[" + i + "]";
            if (!(item instanceof YamlNode.Mapping m)) {
                throw notA(itemPath, "must be a map of keys", item, item.line());
            }
            out.add(new LayeredSection(config, itemPath, m, true));
        }
        return List.copyOf(out);
    }

    @Override
    public String oneOf(String key, String def, List<String> allowed, String doc) {
        Slot s = slot(key);
        s.owner.describe(s.name, "one of " + String.join("|", allowed), def == null ? "" : def, doc);
        Found f = s.owner.scalar(s.name);
        if (f == null) {
            return def;
        }
        String t = text(s.full, f).trim();
        for (String a : allowed) {
            if (a.equalsIgnoreCase(t)) {
                return a;
            }
        }
        throw invalid(s.full, "must be one of " + String.join(", ", allowed), f);
    }

    @Override
    public <T> T value(String key, String def, String type, String doc, Function<String, T> parse) {
        Slot s = slot(key);
        s.owner.describe(s.name, type, def == null ? "" : def, doc);
        Found f = s.owner.scalar(s.name);
        if (f == null) {
            return def == null ? null : convert(s.full, new Found(def, "default"), parse);
        }
        return convert(s.full, new Found(text(s.full, f), f.source), parse);
    }

    @Override
    public <T> List<T> values(String key, List<String> def, String type, String doc, Function<String, T> parse) {
        Slot s = slot(key);
        s.owner.describe(s.name, type, def == null ? "" : String.join(", ", def), doc);
        List<Found> items = s.owner.items(s.name);
        if (items == null) {
            items = def == null ? List.of() : def.stream().map(d -> new Found(d, "default")).toList();
        }
        List<T> out = new ArrayList<>();
        for (Found f : items) {
            out.add(convert(s.full, f, parse));
        }
        return List.copyOf(out);
    }

    @Override
    public Map<String, List<String>> stringLists(String key, Map<String, List<String>> def, String doc) {
        Slot s = slot(key);
        String shown = def == null ? "" : def.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
        if (s.owner.fileOnly) {
            s.owner.describe(s.name, "map of lists", shown, doc);
        } else {
            // Each name is its own flag and variable: --naming-environments-dev, HERALD_NAMING_ENVIRONMENTS_DEV.
            config.describe(new HelpEntry(s.full, "map of lists", shown, doc,
                    List.of(KeyNames.flag(s.full) + "-NAME"), KeyNames.env(s.full) + "_NAME"));
        }
        if (!has(key)) {
            return def;
        }
        LayeredSection map = (LayeredSection) s.owner.section(s.name);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : map.keys()) {
            List<Found> items = map.items(name);
            out.put(name, items == null ? List.of() : items.stream().map(Found::text).toList());
        }
        return out;
    }

    // ---- lookups ----

    /** The winning single value for a name of this section, or null when no layer sets it. */
    private Found scalar(String name) {
        String full = KeyNames.join(path, name);
        config.requested(path, name);
        Found flag = null;
        Found env = null;
        if (!fileOnly) {
            List<CommandLine.Flag> flags = config.flagsFor(full);
            if (!flags.isEmpty()) {
                flag = flagFound(flags.get(flags.size() - 1));
            }
            String e = config.envFor(full);
            if (e != null) {
                env = new Found(e, "environment " + KeyNames.env(full));
            }
        }
        Found file = null;
        YamlNode.Entry entry = yaml.entries().get(name);
        if (entry != null) {
            entry.read = true;
            if (!(entry.value instanceof YamlNode.Scalar sc)) {
                throw notA(full, "must be a single value", entry.value, entry.line);
            }
            if (sc.text() != null) {
                file = new Found(sc.text(), config.fileSource(entry.line));
            }
        }
        return flag != null ? flag : env != null ? env : file;
    }

    /**
     * The winning list for a name of this section, or null when no layer sets it. Every occurrence of a repeated
     * flag contributes; variables, flags and single YAML values are split on commas.
     */
    private List<Found> items(String name) {
        String full = KeyNames.join(path, name);
        config.requested(path, name);
        List<Found> flag = null;
        List<Found> env = null;
        if (!fileOnly) {
            List<CommandLine.Flag> flags = config.flagsFor(full);
            if (!flags.isEmpty()) {
                flag = new ArrayList<>();
                for (CommandLine.Flag f : flags) {
                    Found found = flagFound(f);
                    flag.addAll(split(text(full, found), found.source));
                }
            }
            String e = config.envFor(full);
            if (e != null) {
                env = split(e, "environment " + KeyNames.env(full));
            }
        }
        List<Found> file = null;
        YamlNode.Entry entry = yaml.entries().get(name);
        if (entry != null) {
            entry.read = true;
            if (entry.value instanceof YamlNode.Sequence seq) {
                file = new ArrayList<>();
                for (int i = 0; i < seq.items().size(); i++) {
                    YamlNode item = seq.items().get(i);
                    if (!(item instanceof YamlNode.Scalar sc) || sc.text() == null) {
                        throw notA(full + "[" + i + "]", "must be a single value", item, item.line());
                    }
                    file.add(new Found(sc.text(), config.fileSource(item.line())));
                }
            } else if (entry.value instanceof YamlNode.Scalar sc) {
                file = sc.text() == null ? null : split(sc.text(), config.fileSource(entry.line));
            } else {
                throw notA(full, "must be a list (YAML list or comma-separated)", entry.value, entry.line);
            }
        }
        return flag != null ? flag : env != null ? env : file;
    }

    private Slot slot(String key) {
        int dot = key.lastIndexOf('.');
        LayeredSection owner = dot < 0 ? this : (LayeredSection) section(key.substring(0, dot));
        String name = dot < 0 ? key : key.substring(dot + 1);
        return new Slot(owner, name, KeyNames.join(owner.path, name));
    }

    private void describe(String name, String type, String def, String doc) {
        String full = KeyNames.join(path, name);
        if (fileOnly) {
            config.describe(new HelpEntry(INDEX.matcher(full).replaceAll("[]"), type, def, doc, List.of(), null));
        } else {
            config.describe(new HelpEntry(full, type, def, doc, KeyNames.flags(full), KeyNames.env(full)));
        }
    }

    private static Found flagFound(CommandLine.Flag f) {
        return new Found(f.value, "flag " + f.name);
    }

    private static List<Found> split(String text, String source) {
        List<Found> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(new Found(part.trim(), source));
            }
        }
        return out;
    }

    /** The value's text; a flag given bare where a value is needed is an error. */
    private static String text(String full, Found f) {
        if (f.text == null) {
            String flag = f.source.substring("flag ".length());
            throw new ConfigException(full, "needs a value, e.g. " + flag + "=VALUE (from " + f.source + ")");
        }
        return f.text;
    }

    private static <T> T convert(String full, Found f, Function<String, T> parse) {
        try {
            return parse.apply(f.text);
        } catch (IllegalArgumentException e) {
            throw invalid(full, e.getMessage(), f);
        } catch (ConfigException e) {
            throw invalid(full, e.reason(), f);
        }
    }

    private static ConfigException invalid(String full, String what, Found f) {
        return new ConfigException(full, what + ", got '" + f.text + "' (from " + f.source + ")");
    }

    private ConfigException notA(String full, String what, YamlNode value, int line) {
        String got = value instanceof YamlNode.Scalar ? "'" + value.describe() + "'" : value.describe();
        return new ConfigException(full, what + ", got " + got + " (from " + config.fileSource(line) + ")");
    }
}
