package io.herald.config;

import io.herald.core.InvalidFieldException;
import io.herald.core.Labels;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * This server's identity in the cluster and in the catalogue ({@code ServiceInstance.node}).
 *
 * @param name one DNS label, unique in the cluster; defaults to the machine's host name
 */
public record NodeConfig(String name) {
    public static final String FALLBACK_NAME = "herald";

    public NodeConfig {
        try {
            name = Labels.label("node.name", name);
        } catch (InvalidFieldException e) {
            throw new ConfigException("node.name", ValueParsers.LABEL_RULE + ", got '" + name + "'");
        }
    }

    /** Reads {@code node.name} ({@code --node-name}, {@code HERALD_NODE_NAME}). */
    public static NodeConfig from(Section root) {
        return from(root, NodeConfig::machineHostName);
    }

    static NodeConfig from(Section root, Supplier<String> hostName) {
        String name = root.section("node").label("name", sanitize(hostName.get()),
                "this server's name in the cluster, one DNS label (default: the host name)");
        return new NodeConfig(name);
    }

    /**
     * A host name turned into one DNS label: its first label, lower-cased, other characters as '-', at most 63
     * characters; {@value #FALLBACK_NAME} when nothing usable is left.
     */
    public static String sanitize(String hostName) {
        if (hostName == null) {
            return FALLBACK_NAME;
        }
        String first = hostName.trim().toLowerCase(Locale.ROOT);
        int dot = first.indexOf('.');
        if (dot >= 0) {
            first = first.substring(0, dot);
        }
        String label = first.replaceAll("[^a-z0-9]+", "-");
        if (label.length() > 63) {
            label = label.substring(0, 63);
        }
        label = label.replaceAll("^-+|-+$", "");
        return Labels.isLabel(label) ? label : FALLBACK_NAME;
    }

    /** The host name without a DNS lookup where the OS exposes it; InetAddress only as the last resort. */
    static String machineHostName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the other sources
        }
        for (String var : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String name = System.getenv(var);
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return FALLBACK_NAME;
        }
    }
}
