package io.herald.ttl;

/** A service within an environment: the unit TTLs are decided for. */
public record ServiceName(String env, String service) {
    @Override
    public String toString() {
        return service + "." + env;
    }
}
