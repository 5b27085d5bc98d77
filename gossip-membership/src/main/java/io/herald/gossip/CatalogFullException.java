package io.herald.gossip;

import io.herald.core.InvalidFieldException;

/**
 * A registration that would make this node's catalogue larger than one node may gossip. It is an
 * {@link InvalidFieldException} on field {@code instances} so the HTTP API reports it like any other refused input
 * without knowing about the cluster layer.
 */
public final class CatalogFullException extends InvalidFieldException {
    CatalogFullException(String reason) {
        super("instances", reason);
    }
}
