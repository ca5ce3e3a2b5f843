package io.sluice.protocols.srt.ffm;

/** libsrt could not be loaded or started; the message says which package to install or which property to set. */
public final class SrtUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SrtUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
