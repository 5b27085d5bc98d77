package io.herald.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a {@link LoadedConfig} from YAML text written to a temporary file, an environment and flags. */
final class Configs {
    private Configs() {}

    /** Writes {@code yaml} (when not null) to dir/herald.yaml and loads it with the given environment and flags. */
    static LoadedConfig load(Path dir, String yaml, Map<String, String> env, String... flags) {
        List<String> args = new ArrayList<>(List.of(flags));
        if (yaml != null) {
            Path file = write(dir, "herald.yaml", yaml);
            args.add(0, "--config");
            args.add(1, file.toString());
        }
        return ConfigLoader.load(args.toArray(String[]::new), env);
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String file(Path dir) {
        return dir.resolve("herald.yaml").toString();
    }
}
