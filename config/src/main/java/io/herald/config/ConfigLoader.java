package io.herald.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Herald's configuration entry point: reads the command line, the YAML file it names and the {@code HERALD_*}
 * environment into a {@link LoadedConfig}, whose {@link LoadedConfig#root() root section} each module's
 * {@code from(Section)} factory reads. Values are looked up only when a factory asks for a key, flag over
 * environment over file; afterwards {@link LoadedConfig#checkAllConsumed()} reports anything nobody read.
 */
public final class ConfigLoader {
    /** Names the config file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "HERALD_CONFIG";

    private ConfigLoader() {}

    /**
     * @param args the command line: {@code --key=value}, {@code --key value}, {@code --flag} (true),
     *             {@code --config FILE}, {@code --help}/{@code -h}, {@code --version}
     * @param env  the process environment; only {@code HERALD_*} variables are used
     * @throws ConfigException for a malformed command line or an unreadable or invalid config file
     */
    public static LoadedConfig load(String[] args, Map<String, String> env) {
        CommandLine cl = CommandLine.parse(args);
        Map<String, String> herald = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(KeyNames.ENV_PREFIX) && !name.equals(CONFIG_ENV)) {
                herald.put(name, value);
            }
        });
        String file = cl.configFile != null ? cl.configFile : blankToNull(env.get(CONFIG_ENV));
        // --help and --version must work even when the file is broken, so it is not read then.
        if (file == null || cl.help || cl.version) {
            return new LoadedConfig(file, YamlNode.Mapping.empty(), cl, herald);
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new ConfigException(YamlFile.KEY, "'" + file + "' is not a valid file name: " + e.getReason());
        }
        return new LoadedConfig(file, YamlFile.read(path), cl, herald);
    }

    /** {@link #load(String[], Map)} with the process environment. */
    public static LoadedConfig load(String[] args) {
        return load(args, System.getenv());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
