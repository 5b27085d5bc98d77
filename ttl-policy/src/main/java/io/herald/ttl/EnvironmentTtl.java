package io.herald.ttl;

import java.time.Duration;

/** Per-environment overrides; a null component falls back to the global value. */
public record EnvironmentTtl(Duration defaultTtl, Duration negative) {

    public static final EnvironmentTtl NONE = new EnvironmentTtl(null, null);
}
