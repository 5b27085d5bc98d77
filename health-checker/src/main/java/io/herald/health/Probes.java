package io.herald.health;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Runs one probe of any kind; every probe completes (never errors) within its timeout. */
final class Probes {
    private final SocketGauge sockets = new SocketGauge();
    private final TcpProbe tcp;
    private final HttpProbe http;
    private final ExecProbe exec;

    Probes(HealthConfig config, Scheduler execScheduler) {
        this.tcp = new TcpProbe(sockets, execScheduler);
        this.http = new HttpProbe(sockets, config.outputLimit());
        this.exec = new ExecProbe(execScheduler, config.outputLimit());
    }

    Mono<CheckResult> run(CheckTarget target, Duration timeout) {
        if (target instanceof TcpTarget t) {
            return tcp.run(t, timeout);
        }
        if (target instanceof HttpTarget h) {
            return http.run(h, timeout);
        }
        if (target instanceof ExecTarget e) {
            return exec.run(e, timeout);
        }
        return Mono.error(new IllegalStateException(target.describe() + " is not probed; its instance reports it"));
    }

    SocketGauge sockets() {
        return sockets;
    }

    static String describe(Throwable e, Duration timeout) {
        if (e instanceof TimeoutException || e.getCause() instanceof TimeoutException
                || e.getClass().getSimpleName().contains("Timeout")) {
            return "timed out after " + DurationText.text(timeout);
        }
        String m = e.getMessage();
        if (m != null && m.contains("Connection refused")) {
            // Native transports say "finishConnect(..) failed with error(-111): Connection refused: /10.0.0.5:80".
            return "connection refused";
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
