package io.herald.health;

import io.herald.config.Section;
import java.time.Duration;
import java.util.List;

/** A check definition in the config file, e.g. {@code services[0].checks[1]}. */
final class SectionFields implements CheckFields {
    private static final Duration MAX = Duration.ofDays(30);
    private final Section section;

    SectionFields(Section section) {
        this.section = section;
    }

    @Override
    public boolean has(String key) {
        return section.has(key);
    }

    @Override
    public String string(String key) {
        return section.string(key, null, doc(key));
    }

    @Override
    public List<String> strings(String key) {
        return section.strings(key, List.of(), doc(key));
    }

    @Override
    public Duration duration(String key, Duration def) {
        return section.duration(key, def, Duration.ZERO, MAX, doc(key));
    }

    @Override
    public int integer(String key, int def) {
        return section.integer(key, def, 1, 100, doc(key));
    }

    @Override
    public boolean bool(String key, boolean def) {
        return section.bool(key, def, doc(key));
    }

    @Override
    public RuntimeException error(String key, String reason) {
        return section.error(key, reason);
    }

    private static String doc(String key) {
        return switch (key) {
            case "tcp" -> "TCP check: host:port, :port, or true for the instance's own address and port";
            case "http" -> "HTTP(S) GET check: a URL, or a path such as /health on the instance";
            case "args" -> "command check: program and arguments; exit 0 pass, 1 warning, else critical";
            case "exec" -> "command check run by /bin/sh -c; exit 0 pass, 1 warning, else critical";
            case "ttl" -> "heartbeat check: critical unless the instance reports within this time";
            case "interval" -> "time between runs (default 10s)";
            case "timeout" -> "a run longer than this is critical (default 2s, at most interval)";
            case "rise" -> "consecutive better results before the status improves (default 2)";
            case "fall" -> "consecutive worse results before the status degrades (default 3)";
            case "initial_status" -> "status until the first result: passing, warning or critical (default critical)";
            case "deregister_after" -> "deregister the instance after this long critical (default 0s = never)";
            case "tls_skip_verify" -> "accept any certificate for https checks (default false)";
            case "id" -> "check id, unique on this node (default {env}.{service}.{id}[.n])";
            default -> key;
        };
    }
}
