package io.herald.health;

import io.herald.core.InvalidFieldException;
import java.net.InetAddress;
import java.util.List;

/** A command check: {@code args[0]} is the program, run without a shell unless it is one. */
public record ExecTarget(List<String> args) implements CheckTarget {

    public ExecTarget {
        if (args == null || args.isEmpty() || args.get(0) == null || args.get(0).isBlank()) {
            throw new InvalidFieldException("args", "is required: the program and its arguments, e.g. [\"/bin/check\", \"-q\"]");
        }
        args = List.copyOf(args);
    }

    /** A command line run by {@code /bin/sh -c}. */
    public static ExecTarget shell(String script) {
        if (script == null || script.isBlank()) {
            throw new InvalidFieldException("exec", "is required: a command line such as 'pg_isready -q'");
        }
        return new ExecTarget(List.of("/bin/sh", "-c", script));
    }

    @Override
    public CheckKind kind() {
        return CheckKind.EXEC;
    }

    @Override
    public ExecTarget resolve(InetAddress address, int port) {
        return new ExecTarget(args.stream().map(a -> CheckTarget.substitute(a, address, port, false)).toList());
    }

    @Override
    public String describe() {
        return "exec " + String.join(" ", args);
    }
}
