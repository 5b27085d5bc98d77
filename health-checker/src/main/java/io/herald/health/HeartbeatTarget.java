package io.herald.health;

import io.herald.core.InvalidFieldException;
import java.net.InetAddress;
import java.time.Duration;

/** A TTL check: the instance reports pass/warn/fail itself and must do so at least every {@code ttl}. */
public record HeartbeatTarget(Duration ttl) implements CheckTarget {

    public HeartbeatTarget {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new InvalidFieldException("ttl", "must be a positive duration such as 30s, got " + ttl);
        }
    }

    @Override
    public CheckKind kind() {
        return CheckKind.TTL;
    }

    @Override
    public HeartbeatTarget resolve(InetAddress address, int port) {
        return this;
    }

    @Override
    public String describe() {
        return "ttl " + DurationText.text(ttl);
    }
}
