package io.herald.core.cluster;

/** A change of one member's state. */
public record MemberEvent(Type type, Member member) {
    public enum Type { JOINED, UPDATED, SUSPECT, REACHABLE, LEFT, FAILED }
}
