package io.herald.core.cluster;

/** One cluster member as seen from this node. */
public record Member(String name, String address, MemberState state, int instanceCount, boolean local) {}
