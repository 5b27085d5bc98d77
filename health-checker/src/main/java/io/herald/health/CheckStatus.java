package io.herald.health;

import io.herald.core.Health;
import io.herald.core.InstanceKey;
import java.time.Instant;

/**
 * One check as the API shows it.
 *
 * @param status     what the check reports (counts for the instance's health)
 * @param underlying the status before flap damping; differs from {@code status} while the check is held
 * @param flapping   the check is held at its worse state because it changed too often
 * @param reason     why it is held (empty when not flapping)
 * @param output     last probe output or heartbeat note, length-capped
 * @param lastRun    time of the last result; null before the first
 * @param since      when {@code status} last changed
 */
public record CheckStatus(
        String id,
        InstanceKey instance,
        CheckKind kind,
        String target,
        Health status,
        Health underlying,
        boolean flapping,
        String reason,
        String output,
        Instant lastRun,
        Instant since) {}
