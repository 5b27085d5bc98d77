package io.herald.http;

import io.herald.core.InstanceKey;
import io.herald.core.ServiceInstance;
import java.util.List;
import java.util.Map;

/**
 * Vets every registration before the catalogue changes, and receives the health checks declared with it
 * ({@code "checks": [{"http": "...", "interval": "2s"}]}). Parsing is split from starting so that a bad check,
 * or a node whose catalogue is full, rejects the request before anything is stored.
 */
public interface CheckRegistry {

    /**
     * Validates one registration and its check definitions (an empty list means "no checks": passing).
     *
     * @return the instance to store (its health set to the checks' initial status) and what to run once it is
     *     stored: the new checks replace any the instance had
     * @throws io.herald.core.InvalidFieldException naming the field, e.g. {@code checks[0].interval}
     */
    Prepared prepare(ServiceInstance instance, List<Map<String, Object>> checks);

    /** A vetted registration: what to store, then what to start. */
    record Prepared(ServiceInstance instance, Runnable start) {}

    /** The instance was deregistered: stop its checks. */
    void remove(InstanceKey key);
}
