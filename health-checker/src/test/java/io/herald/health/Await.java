package io.herald.health;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/** Bounded waits for real-socket tests: polls on a Reactor timer and fails with the last value seen. */
final class Await {
    private Await() {}

    static <T> T until(Duration max, Supplier<T> value, Predicate<T> done, String what) {
        T result = Flux.interval(Duration.ZERO, Duration.ofMillis(10))
                .map(i -> value.get())
                .filter(done)
                .blockFirst(max.plusMillis(100));
        if (result == null) {
            throw new AssertionError("timed out after " + max + " waiting for " + what + "; last value: " + value.get());
        }
        return result;
    }
}
