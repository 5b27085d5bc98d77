package io.herald.containers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the podman command line (rootful). Every call is bounded in time; failures carry podman's own words. */
final class Podman {
    private static final long TIMEOUT_SECONDS = 120;

    private Podman() {}

    /** What a command printed, and its exit code. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** Runs {@code podman args...} and returns its standard output; fails the test on a non-zero exit. */
    static String run(String... args) {
        Result r = tryRun(args);
        if (!r.ok()) {
            throw new AssertionError("podman " + String.join(" ", args) + " exited " + r.exit + ": " + r.err + r.out);
        }
        return r.out;
    }

    /** Runs {@code podman args...}; the caller judges the exit code. */
    static Result tryRun(String... args) {
        List<String> cmd = new ArrayList<>(List.of("podman"));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    /** Runs any command (e.g. a repository script), bounded like podman calls. */
    static Result exec(List<String> cmd) {
        File out = null;
        File err = null;
        try {
            out = File.createTempFile("podman-", ".out");
            err = File.createTempFile("podman-", ".err");
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out).redirectError(err).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + TIMEOUT_SECONDS + "s");
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0)
                    + ": the container tests need root and podman (run containers/setup.sh)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(File f) {
        if (f != null) {
            f.delete();
        }
    }
}
