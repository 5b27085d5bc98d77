package io.herald.http;

import io.herald.core.InstanceKey;
import java.util.List;
import java.util.Map;

/**
 * Receives the health checks declared with a registration ({@code "checks": [{"http": "...", "interval": "2s"}]}).
 * Parsing is split from starting so that a bad check rejects the request before the catalogue changes.
 */
public interface CheckRegistry {

    /**
     * Validates the check definitions of one registration (an empty list means "no checks": passing).
     *
     * @return what to run once the instance is stored: it replaces any checks the instance had
     * @throws io.herald.core.InvalidFieldException naming the field, e.g. {@code checks[0].interval}
     */
    Runnable prepare(InstanceKey key, List<Map<String, Object>> checks);

    /** The instance was deregistered: stop its checks. */
    void remove(InstanceKey key);
}
