package io.sluice.protocols.srt.ffm;

/**
 * A libsrt call failed. Carries libsrt's error code ({@link SrtErrors}), the reject reason when a handshake was
 * refused (else -1), and libsrt's own text. Never carries a passphrase: option values are not put into messages.
 */
public final class SrtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final int rejectReason;

    public SrtException(String message, int errorCode, int rejectReason) {
        super(message);
        this.errorCode = errorCode;
        this.rejectReason = rejectReason;
    }

    /** libsrt's error code, e.g. {@link SrtErrors#ECONNREJ}. */
    public int errorCode() {
        return errorCode;
    }

    /** The handshake reject reason ({@link SrtErrors#REJ_BADSECRET} ...), or -1 when the failure was not a reject. */
    public int rejectReason() {
        return rejectReason;
    }

    /** True when the peer refused our passphrase, or required one we did not have, or the reverse. */
    public boolean isPassphraseRejection() {
        return rejectReason == SrtErrors.REJ_BADSECRET || rejectReason == SrtErrors.REJ_UNSECURE;
    }
}
