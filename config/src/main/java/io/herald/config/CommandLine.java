package io.herald.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command line split into flags. Which flags exist is only known once modules read their keys, so every
 * {@code --name} is kept here and matched lazily; a flag followed by an argument that is not itself a flag takes
 * it as its value ({@code --dns-port 53}), otherwise it has no value ({@code --demo}, read as true).
 */
final class CommandLine {
    private static final Set<String> NEVER_TAKE_VALUE = Set.of("help", "version");

    /** One occurrence of a flag; {@code value} is null when none was given. */
    static final class Flag {
        final String name;
        final String value;
        volatile boolean read;

        Flag(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    final List<Flag> flags = new ArrayList<>();
    String configFile;
    boolean help;
    boolean version;

    static CommandLine parse(String[] args) {
        CommandLine cl = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h")) {
                cl.help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                String reason = arg.startsWith("-") && arg.length() > 1
                        ? "unknown flag; flags start with '--', e.g. --dns-port=53 (see --help)"
                        : "unexpected argument; settings are given as flags such as --dns-port=53 (see --help)";
                throw new ConfigException(arg, reason);
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            if (name.isEmpty()) {
                throw new ConfigException(arg, "a flag needs a name, e.g. --dns-port=53 (see --help)");
            }
            String value = eq < 0 ? null : body.substring(eq + 1);
            if (eq < 0 && !NEVER_TAKE_VALUE.contains(name) && i + 1 < args.length && !isFlag(args[i + 1])) {
                value = args[++i];
            }
            switch (name) {
                case "help" -> cl.help = true;
                case "version" -> cl.version = true;
                case "config" -> {
                    if (value == null || value.isBlank()) {
                        throw new ConfigException("--config", "needs a file name, e.g. --config /etc/herald/herald.yaml");
                    }
                    cl.configFile = value;
                }
                default -> cl.flags.add(new Flag("--" + name, value));
            }
        }
        return cl;
    }

    private static boolean isFlag(String arg) {
        return arg.startsWith("--") || arg.equals("-h");
    }
}
