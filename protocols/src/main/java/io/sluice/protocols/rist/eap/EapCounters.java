package io.sluice.protocols.rist.eap;

/**
 * EAP-SRP counters of one RIST endpoint, plain fields written only on its event loop; read a {@link #copy()} made
 * there. {@link #problem()} is one line a person can act on; it names peers and user names, never a password.
 */
public final class EapCounters implements Cloneable {
    long authentications;
    long failures;
    long droppedUnauthenticated;
    long malformed;
    String problem;

    /** Exchanges that ended in success (re-authentications included). */
    public long authentications() { return authentications; }
    /** Logins refused: wrong password or user (ours or the peer's), a peer that could not prove it knows the verifier. */
    public long failures() { return failures; }
    /** Packets dropped because they came from (or would have gone to) a peer that had not authenticated. */
    public long droppedUnauthenticated() { return droppedUnauthenticated; }
    /** EAPOL frames that were malformed or out of sequence. */
    public long malformed() { return malformed; }
    /** What stands in the way of authentication now, or null. */
    public String problem() { return problem; }

    /**
     * A copy for another thread; call on the owning loop. Field for field ({@code Object.clone}), so a counter added
     * later cannot be left out of it.
     */
    public EapCounters copy() {
        try {
            return (EapCounters) clone();
        } catch (CloneNotSupportedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public String toString() {
        return "EapCounters[authentications=" + authentications + ", failures=" + failures + ", droppedUnauthenticated="
                + droppedUnauthenticated + ", malformed=" + malformed + ", problem=" + problem + "]";
    }
}
