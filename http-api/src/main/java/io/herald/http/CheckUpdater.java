package io.herald.http;

/**
 * Receives TTL heartbeats from {@code PUT /v1/checks/{id}/pass|warn|fail}. Supplied by the application (the
 * health checker owns TTL checks); called off the event loop, so it may take the catalogue's write lock.
 */
@FunctionalInterface
public interface CheckUpdater {

    /**
     * @param checkId the check named in the path
     * @param status  {@code passing}, {@code warning} or {@code critical} (see {@link io.herald.core.Health#parse})
     * @param note    the request body as text, trimmed; empty when none was sent
     * @return false when no check has that id (the API answers 404)
     */
    boolean update(String checkId, String status, String note);
}
