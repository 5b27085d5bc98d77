package io.herald.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The three layers as loaded, plus what the modules have read so far. Modules read through {@link #root()};
 * the application then calls {@link #checkAllConsumed()} so misspelt keys, flags and variables fail the start,
 * and {@link #helpText()} lists every key that was read, with its flag, environment variable and default.
 */
public final class LoadedConfig {
    private final String file;
    private final YamlNode.Mapping tree;
    private final CommandLine commandLine;
    private final Map<String, String> env;
    private final Set<String> envRead = new LinkedHashSet<>();
    private final Map<String, HelpEntry> help = new LinkedHashMap<>();
    /** Names asked for in each section path: candidates for "did you mean". */
    private final Map<String, Set<String>> requested = new HashMap<>();
    private final Set<String> knownFlags = new LinkedHashSet<>(List.of("--config", "--help", "--version"));
    private final Set<String> knownEnv = new LinkedHashSet<>(List.of(ConfigLoader.CONFIG_ENV));

    LoadedConfig(String file, YamlNode.Mapping tree, CommandLine commandLine, Map<String, String> env) {
        this.file = file;
        this.tree = tree;
        this.commandLine = commandLine;
        this.env = Map.copyOf(env);
    }

    /** The whole configuration; module factories take their part with {@code root.section("dns")}. */
    public Section root() {
        return new LayeredSection(this, "", tree, false);
    }

    /** {@code --help} or {@code -h} was given. */
    public boolean helpRequested() {
        return commandLine.help;
    }

    /** {@code --version} was given. */
    public boolean versionRequested() {
        return commandLine.version;
    }

    /** The config file named by {@code --config} or {@code HERALD_CONFIG}, if any. */
    public Optional<String> configFile() {
        return Optional.ofNullable(file);
    }

    /**
     * Fails on the first config-file key, flag or {@code HERALD_*} variable that no module read, suggesting the
     * closest name that was read. Call once every module has built its typed config.
     */
    public synchronized void checkAllConsumed() {
        checkRead(tree, "");
        for (CommandLine.Flag f : commandLine.flags) {
            if (!f.read) {
                throw new ConfigException(f.name, "unknown flag; " + didYouMean(f.name, knownFlags) + "see --help");
            }
        }
        for (String name : env.keySet()) {
            if (!envRead.contains(name)) {
                throw new ConfigException(name, "unknown environment variable; " + didYouMean(name, knownEnv)
                        + "see --help");
            }
        }
    }

    /** Every key read so far, in the order modules read them. */
    public synchronized List<HelpEntry> helpEntries() {
        return List.copyOf(help.values());
    }

    /** Usage text: how the layers combine, then a table of every key read so far. */
    public synchronized String helpText() {
        return HelpText.render(helpEntries());
    }

    private void checkRead(YamlNode.Mapping map, String path) {
        for (YamlNode.Entry e : map.entries().values()) {
            String full = KeyNames.join(path, e.key);
            if (!e.read) {
                Set<String> names = requested.getOrDefault(path, Set.of());
                String near = Suggestions.closest(e.key, names);
                String hint = near == null ? "see --help for the keys Herald reads"
                        : "did you mean " + KeyNames.join(path, near) + "?";
                throw new ConfigException(full, "unknown key; " + hint + " (from " + fileSource(e.line) + ")");
            }
            if (e.value instanceof YamlNode.Mapping m) {
                checkRead(m, full);
            } else if (e.value instanceof YamlNode.Sequence s) {
                for (int i = 0; i < s.items().size(); i++) {
                    if (s.items().get(i) instanceof YamlNode.Mapping m) {
                        checkRead(m, full + "[" + i + "]");
                    }
                }
            }
        }
    }

    private static String didYouMean(String name, Set<String> known) {
        String near = Suggestions.closest(name, known);
        return near == null ? "" : "did you mean " + near + "? ";
    }

    // ---- used by LayeredSection ----

    String fileSource(int line) {
        return "config file " + file + " line " + line;
    }

    synchronized void requested(String path, String name) {
        requested.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(name);
    }

    synchronized void describe(HelpEntry entry) {
        help.putIfAbsent(entry.key(), entry);
    }

    /** The occurrences of the key's flag and its aliases, in command-line order, now marked read. */
    synchronized List<CommandLine.Flag> flagsFor(String key) {
        List<String> names = KeyNames.flags(key);
        knownFlags.addAll(names);
        List<CommandLine.Flag> out = new ArrayList<>();
        for (CommandLine.Flag f : commandLine.flags) {
            if (names.contains(f.name)) {
                f.read = true;
                out.add(f);
            }
        }
        return out;
    }

    /** The key's environment variable, now marked read, or null. */
    synchronized String envFor(String key) {
        String name = KeyNames.env(key);
        knownEnv.add(name);
        String value = env.get(name);
        if (value != null) {
            envRead.add(name);
        }
        return value;
    }

    /** Whether a flag or variable sets this key or something under it. */
    synchronized boolean presentOutsideFile(String key) {
        String envName = KeyNames.env(key);
        for (String name : env.keySet()) {
            if (name.equals(envName) || name.startsWith(envName + "_")) {
                return true;
            }
        }
        List<String> flagNames = KeyNames.flags(key);
        String prefix = KeyNames.flag(key) + "-";
        for (CommandLine.Flag f : commandLine.flags) {
            if (flagNames.contains(f.name) || f.name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Child names under a section path that flags and variables mention, hyphenated ("my-env" from
     * HERALD_NAMING_ENVIRONMENTS_MY_ENV), for maps keyed by user names.
     */
    synchronized Set<String> childNamesOutsideFile(String path) {
        Set<String> out = new TreeSet<>();
        String envPrefix = path.isEmpty() ? KeyNames.ENV_PREFIX : KeyNames.env(path) + "_";
        for (String name : env.keySet()) {
            if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                out.add(name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        String flagPrefix = path.isEmpty() ? "--" : KeyNames.flag(path) + "-";
        for (CommandLine.Flag f : commandLine.flags) {
            if (f.name.startsWith(flagPrefix) && f.name.length() > flagPrefix.length()) {
                out.add(f.name.substring(flagPrefix.length()));
            }
        }
        return out;
    }
}
