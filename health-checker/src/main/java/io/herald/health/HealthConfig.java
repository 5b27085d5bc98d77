package io.herald.health;

import io.herald.config.ConfigException;
import io.herald.config.Section;
import java.time.Duration;

/**
 * The {@code health} config section: limits of the node's check pipeline and flap damping.
 *
 * @param maxConcurrency {@code health.max_concurrency}: checks running at once (so sockets and processes open at once)
 * @param execThreads    {@code health.exec_threads}: threads that start command checks and read their output
 * @param outputLimit    {@code health.output_limit}: bytes of check output (body, command output, note) kept
 * @param flapWindow     {@code health.flap_window}: window in which state changes are counted; also how long a
 *                       damped check must stay unchanged to be released
 * @param flapThreshold  {@code health.flap_threshold}: state changes within the window that make a check flapping;
 *                       0 turns damping off
 */
public record HealthConfig(int maxConcurrency, int execThreads, int outputLimit, Duration flapWindow, int flapThreshold) {

    public static final int DEFAULT_MAX_CONCURRENCY = 256;
    public static final int DEFAULT_EXEC_THREADS = 16;
    public static final int DEFAULT_OUTPUT_LIMIT = 4096;
    public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofMinutes(2);
    public static final int DEFAULT_FLAP_THRESHOLD = 5;

    public HealthConfig {
        if (maxConcurrency < 1 || maxConcurrency > 100_000) {
            throw new ConfigException("health.max_concurrency", "must be between 1 and 100000, got " + maxConcurrency);
        }
        if (execThreads < 1 || execThreads > 1000) {
            throw new ConfigException("health.exec_threads", "must be between 1 and 1000, got " + execThreads);
        }
        if (outputLimit < 64 || outputLimit > 1 << 20) {
            throw new ConfigException("health.output_limit", "must be between 64 and 1048576 bytes, got " + outputLimit);
        }
        if (flapWindow == null || flapWindow.isNegative() || flapWindow.isZero()) {
            throw new ConfigException("health.flap_window", "must be a positive duration such as 2m, got " + flapWindow);
        }
        if (flapThreshold < 0 || flapThreshold == 1 || flapThreshold > 1000) {
            throw new ConfigException("health.flap_threshold",
                    "must be 0 (off) or between 2 and 1000 state changes, got " + flapThreshold);
        }
    }

    public static HealthConfig defaults() {
        return new HealthConfig(DEFAULT_MAX_CONCURRENCY, DEFAULT_EXEC_THREADS, DEFAULT_OUTPUT_LIMIT,
                DEFAULT_FLAP_WINDOW, DEFAULT_FLAP_THRESHOLD);
    }

    public HealthConfig withMaxConcurrency(int n) {
        return new HealthConfig(n, execThreads, outputLimit, flapWindow, flapThreshold);
    }

    public HealthConfig withFlapDamping(Duration window, int threshold) {
        return new HealthConfig(maxConcurrency, execThreads, outputLimit, window, threshold);
    }

    /** Reads section {@code health} of the root config. */
    public static HealthConfig from(Section root) {
        Section s = root.section("health");
        return new HealthConfig(
                s.integer("max_concurrency", DEFAULT_MAX_CONCURRENCY, 1, 100_000,
                        "checks running at once on this node; bounds open sockets and processes"),
                s.integer("exec_threads", DEFAULT_EXEC_THREADS, 1, 1000,
                        "threads that start command checks and collect their output"),
                s.integer("output_limit", DEFAULT_OUTPUT_LIMIT, 64, 1 << 20,
                        "bytes of check output (HTTP body, command output, heartbeat note) kept per check"),
                s.duration("flap_window", DEFAULT_FLAP_WINDOW, Duration.ofMillis(1), Duration.ofDays(1),
                        "window for counting a check's state changes; a damped check is released after one quiet window"),
                s.integer("flap_threshold", DEFAULT_FLAP_THRESHOLD, 0, 1000,
                        "state changes within flap_window that hold a check at its worse state; 0 = no damping"));
    }
}
