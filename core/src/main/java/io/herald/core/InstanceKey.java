package io.herald.core;

/** Identity of an instance: unique per environment and service. */
public record InstanceKey(String env, String service, String id) {
    public InstanceKey {
        env = Labels.label("env", env);
        service = Labels.label("service", service);
        id = Labels.label("id", id);
    }

    @Override
    public String toString() {
        return env + "/" + service + "/" + id;
    }
}
