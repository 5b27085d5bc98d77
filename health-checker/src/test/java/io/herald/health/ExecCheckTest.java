package io.herald.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.CatalogStore;
import io.herald.core.Health;
import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real commands run by /bin/sh. */
class ExecCheckTest {
    private final CatalogStore store = new CatalogStore("node-a");
    private final HealthChecker checker = HealthChecker.create(
            new HealthConfig(16, 4, 64, HealthConfig.DEFAULT_FLAP_WINDOW, 0), store, new SimpleMeterRegistry());

    @AfterEach
    void stop() {
        checker.close();
    }

    private InstanceKey watch(String id, CheckSpec spec) throws Exception {
        store.register(ServiceInstance.of("job", "prod", id, InetAddress.getByName("127.0.0.1"), 7000));
        InstanceKey key = new InstanceKey("prod", "job", id);
        checker.watch(key, List.of(spec));
        return key;
    }

    private static CheckSpec script(String script) {
        return CheckSpec.of(ExecTarget.shell(script)).withInterval(Duration.ofMillis(200)).withRiseFall(1, 1)
                .withInitial(Health.WARNING);
    }

    private CheckStatus firstResult(InstanceKey key) {
        return Await.until(Duration.ofSeconds(10), () -> checker.statuses(key).get(0), s -> s.lastRun() != null,
                "a result for " + key);
    }

    @Test
    void exitCodesMapToHealthAndOutputIsKept() throws Exception {
        InstanceKey ok = watch("ok", script("echo ready on {address}:{port}; exit 0"));
        InstanceKey warn = watch("warn", script("echo 'queue backlog' >&2; exit 1").withInitial(Health.CRITICAL));
        InstanceKey bad = watch("bad", script("echo broken; exit 2"));

        CheckStatus okStatus = firstResult(ok);
        assertThat(okStatus.status()).isEqualTo(Health.PASSING);
        assertThat(okStatus.output()).isEqualTo("ready on 127.0.0.1:7000");
        CheckStatus warnStatus = firstResult(warn);
        assertThat(warnStatus.status()).isEqualTo(Health.WARNING);
        assertThat(warnStatus.output()).isEqualTo("queue backlog");
        CheckStatus badStatus = firstResult(bad);
        assertThat(badStatus.status()).isEqualTo(Health.CRITICAL);
        assertThat(badStatus.output()).isEqualTo("exit code 2\nbroken");
        // The store is written after the check's status, in the checker's next batch.
        assertThat(Await.until(Duration.ofSeconds(5), () -> store.local(bad).orElseThrow().health(),
                h -> h == Health.CRITICAL, "bad critical in the store")).isEqualTo(Health.CRITICAL);
        assertThat(Await.until(Duration.ofSeconds(5), () -> store.local(warn).orElseThrow().health(),
                h -> h == Health.WARNING, "warn warning in the store")).isEqualTo(Health.WARNING);
    }

    @Test
    void outputIsCappedAtTheLimit() throws Exception {
        InstanceKey chatty = watch("chatty", script("i=0; while [ $i -lt 500 ]; do printf x; i=$((i+1)); done"));
        CheckStatus s = firstResult(chatty);
        assertThat(s.status()).isEqualTo(Health.PASSING);
        assertThat(s.output()).isEqualTo("x".repeat(64) + "... (truncated)");
    }

    @Test
    void aHangingCommandIsKilledAtTheTimeoutWithItsChildren(@TempDir Path dir) throws Exception {
        Path pids = dir.resolve("pids");
        InstanceKey hang = watch("hang", CheckSpec.of(ExecTarget.shell(
                        "echo $$ > " + pids + "; sleep 60 & echo $! >> " + pids + "; echo started; wait"))
                .withInterval(Duration.ofSeconds(1)).withTimeout(Duration.ofMillis(300)).withRiseFall(1, 1)
                .withInitial(Health.PASSING));
        CheckStatus s = firstResult(hang);
        assertThat(s.status()).isEqualTo(Health.CRITICAL);
        assertThat(s.output()).startsWith("timed out after 300ms; killed pid ").endsWith("\nstarted");
        List<Long> started = Files.readAllLines(pids).stream().map(String::trim).map(Long::parseLong).toList();
        assertThat(started).hasSize(2);
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(5, TimeUnit.SECONDS).join());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse();
        }
    }

    @Test
    void aMissingProgramIsCritical() throws Exception {
        InstanceKey missing = watch("missing", CheckSpec.exec("/nonexistent/check-tool").withInterval(Duration.ofMillis(200))
                .withRiseFall(1, 1).withInitial(Health.PASSING));
        CheckStatus s = firstResult(missing);
        assertThat(s.status()).isEqualTo(Health.CRITICAL);
        assertThat(s.output()).startsWith("cannot run /nonexistent/check-tool:");
    }
}
