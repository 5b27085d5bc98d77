package io.herald.dns.resolve;

/** What the resolver decided for one question. {@link RcodeTable} maps each outcome to its response code. */
public enum Outcome {
    /** Records found. */
    ANSWER,
    /** The name exists (or is an empty non-terminal) but has no records of the asked type. */
    NODATA,
    /** The name does not exist in an authoritative zone. */
    NXDOMAIN,
    /** Not ours: hand the question to the forwarder. */
    FORWARD,
    /** Not ours and not allowed to be forwarded (forwarding off, or client outside the allowed networks). */
    REFUSED,
    /** Unsupported opcode. */
    NOTIMP,
    /** The query itself is malformed. */
    FORMERR,
    /** EDNS version we do not speak (RFC 6891: answer BADVERS). */
    BADVERS,
    /** The upstream failed or timed out. */
    SERVFAIL
}
