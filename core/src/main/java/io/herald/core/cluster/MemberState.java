package io.herald.core.cluster;

/** SWIM-style member states, in the words of Serf's {@code members} output. */
public enum MemberState {
    ALIVE,
    SUSPECT,
    LEFT,
    FAILED
}
