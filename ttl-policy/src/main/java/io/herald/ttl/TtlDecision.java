package io.herald.ttl;

/**
 * One TTL decision with its reasoning, for diagnostics.
 *
 * @param ttl    seconds handed out now
 * @param target seconds the service's rule asks for once stable (already clamped to the range and budget)
 * @param reason why {@code ttl} differs from {@code target}, or "stable"
 */
public record TtlDecision(int ttl, int target, String reason) {}
