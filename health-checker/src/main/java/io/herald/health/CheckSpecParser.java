package io.herald.health;

import io.herald.core.Health;
import io.herald.core.InvalidFieldException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link CheckSpec} from any {@link CheckFields} source, so config, API and containers agree. */
final class CheckSpecParser {
    static final List<String> KIND_KEYS = List.of("tcp", "http", "args", "exec", "ttl");
    static final List<String> KNOB_KEYS = List.of("id", "interval", "timeout", "rise", "fall", "initial_status",
            "deregister_after", "tls_skip_verify");

    private CheckSpecParser() {}

    static CheckSpec parse(CheckFields f) {
        List<String> kinds = new ArrayList<>();
        for (String k : KIND_KEYS) {
            if (f.has(k)) {
                kinds.add(k);
            }
        }
        if (kinds.isEmpty()) {
            throw f.error("tcp", "a check needs exactly one of tcp, http, args, exec or ttl");
        }
        if (kinds.size() > 1) {
            throw f.error(kinds.get(1), "a check has exactly one kind, but both " + kinds.get(0) + " and "
                    + kinds.get(1) + " are set; split them into two checks");
        }
        String kind = kinds.get(0);
        CheckTarget target = target(f, kind);
        Duration interval = f.duration("interval", CheckSpec.DEFAULT_INTERVAL);
        Duration defaultTimeout = CheckSpec.DEFAULT_TIMEOUT.compareTo(interval) > 0 ? interval : CheckSpec.DEFAULT_TIMEOUT;
        Duration timeout = f.duration("timeout", defaultTimeout);
        int rise = f.integer("rise", CheckSpec.DEFAULT_RISE);
        int fall = f.integer("fall", CheckSpec.DEFAULT_FALL);
        Health initial = CheckSpec.DEFAULT_INITIAL;
        if (f.has("initial_status")) {
            try {
                initial = Health.parse(f.string("initial_status"));
            } catch (IllegalArgumentException e) {
                throw f.error("initial_status", e.getMessage());
            }
        }
        Duration deregisterAfter = f.duration("deregister_after", Duration.ZERO);
        String id = f.has("id") ? f.string("id") : null;
        try {
            return new CheckSpec(id, target, interval, timeout, rise, fall, initial, deregisterAfter);
        } catch (InvalidFieldException e) {
            throw f.error(e.field(), reason(e));
        }
    }

    private static CheckTarget target(CheckFields f, String kind) {
        try {
            return switch (kind) {
                case "tcp" -> TcpTarget.parse(kind, f.string(kind));
                case "http" -> HttpTarget.parse(kind, f.string(kind), f.httpScheme(), f.bool("tls_skip_verify", false));
                case "args" -> new ExecTarget(f.strings(kind));
                case "exec" -> ExecTarget.shell(f.string(kind));
                default -> new HeartbeatTarget(f.duration(kind, Duration.ZERO));
            };
        } catch (InvalidFieldException e) {
            throw f.error(kind, reason(e));
        }
    }

    /** The reason part of "field: reason". */
    static String reason(InvalidFieldException e) {
        String m = e.getMessage();
        String prefix = e.field() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
