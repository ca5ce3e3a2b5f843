package io.sluice.protocols.rist;

/**
 * Why a RIST endpoint refused a peer's packets, when the reason is one a person can fix (a key or a profile that does
 * not match). Each has the one-line message a source or output shows as its problem; a message names the peer, never
 * a secret.
 */
public enum RistRefusal {
    /** Keyed GRE whose decryption gives no plausible RTP/RTCP (RIST PSK has no tag: this is how a wrong key shows). */
    WRONG_KEY("%s from %s do not decrypt: wrong RIST secret?"),
    /** Keyed GRE while this endpoint has no key. */
    ENCRYPTED_WITHOUT_KEY("%s from %s are encrypted, but no RIST key is configured here (Decryption/Encryption)"),
    /** Clear GRE while this endpoint requires its key. */
    CLEAR_WITH_KEY("%s from %s are not encrypted, but a RIST key is configured here: give the peer the same secret"),
    /** Plain RTP (simple profile) on a listener that expects main profile (TR-06-2 §4.9: say so in the status). */
    PLAIN_RTP_ON_MAIN("%s from %s are plain RTP (RIST simple profile), but this listener is main profile"),
    /** GRE (main profile) on a listener that is simple profile only. */
    GRE_ON_SIMPLE("%s from %s are GRE (RIST main profile), but this listener is simple profile");

    private final String template;

    RistRefusal(String template) {
        this.template = template;
    }

    /** The problem line: {@code what} ("packets", "RTCP packets") from {@code peer} ("127.0.0.1:40000"). */
    public String describe(String what, String peer) {
        return template.formatted(what, peer);
    }
}
