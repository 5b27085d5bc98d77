package io.herald.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a command: exit 0 pass, 1 warning, anything else critical. Output (stdout and stderr together) goes to a
 * temporary file rather than a pipe, so no thread ever blocks reading it and a child that keeps the pipe open
 * cannot hang the check. Starting the process and reading the file happen on the bounded exec scheduler;
 * waiting for the exit does not occupy a thread. At the timeout the whole process tree is killed.
 */
final class ExecProbe {
    private final Scheduler exec;
    private final int outputLimit;

    ExecProbe(Scheduler exec, int outputLimit) {
        this.exec = exec;
        this.outputLimit = outputLimit;
    }

    /** One started process and its output file. */
    private record Run(Process process, Path output) {
        void kill() {
            // Children first: killed after their parent they would be re-parented and escape descendants().
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        void cleanUp() {
            if (process.isAlive()) {
                kill();
            }
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // Only a leftover temporary file; nothing to report on the check.
            }
        }
    }

    Mono<CheckResult> run(ExecTarget target, Duration timeout) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> start(target)).subscribeOn(exec),
                run -> Mono.fromFuture(run.process().onExit(), true)
                        .timeout(timeout, Schedulers.parallel())
                        .then(Mono.fromCallable(() -> finished(run)).subscribeOn(exec))
                        .onErrorResume(TimeoutException.class, e -> {
                            run.kill();
                            return Mono.fromCallable(() -> CheckResult.critical("timed out after "
                                    + DurationText.text(timeout) + "; killed pid " + run.process().pid()
                                    + outputSuffix(run))).subscribeOn(exec);
                        }),
                run -> Mono.fromRunnable(run::cleanUp).subscribeOn(exec),
                (run, error) -> Mono.fromRunnable(run::cleanUp).subscribeOn(exec),
                run -> Mono.fromRunnable(run::cleanUp).subscribeOn(exec))
                .onErrorResume(e -> Mono.just(CheckResult.critical("cannot run " + target.args().get(0) + ": "
                        + Probes.describe(e, timeout))));
    }

    private static Run start(ExecTarget target) throws IOException {
        Path output = Files.createTempFile("herald-check-", ".out");
        try {
            Process p = new ProcessBuilder(target.args())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new Run(p, output);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(output);
            throw e;
        }
    }

    private CheckResult finished(Run run) throws IOException {
        int code = run.process().exitValue();
        String out = read(run.output());
        return switch (code) {
            case 0 -> CheckResult.passing(out);
            case 1 -> CheckResult.warning(out);
            default -> CheckResult.critical("exit code " + code + (out.isEmpty() ? "" : "\n" + out));
        };
    }

    private String outputSuffix(Run run) throws IOException {
        String out = read(run.output());
        return out.isEmpty() ? "" : "\n" + out;
    }

    private String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(outputLimit + 1);
            String text = new String(head, 0, Math.min(head.length, outputLimit), StandardCharsets.UTF_8).strip();
            return head.length > outputLimit ? text + "... (truncated)" : text;
        }
    }
}
