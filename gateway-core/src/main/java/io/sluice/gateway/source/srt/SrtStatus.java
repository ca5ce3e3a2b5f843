package io.sluice.gateway.source.srt;

import io.sluice.protocols.srt.ffm.SrtStats;
import org.slf4j.Logger;

/**
 * The human-readable state of one SRT source or output ("connected to 127.0.0.1:9000", "refused 127.0.0.1:50000
 * at handshake: wrong SRT passphrase"), and the last statistics of its connection. Written on the flow's loop, read
 * from any thread (REST status, metrics). A change of text is logged once, so a caller retrying every second with a
 * wrong passphrase gives one line, not one per attempt. Never contains a secret: the texts come from libsrt's
 * reject reasons and addresses only.
 */
public final class SrtStatus {
    private final String owner;
    private final Logger log;
    private volatile String text = "starting";
    private volatile boolean passphraseRejected;
    private volatile SrtStats stats;

    public SrtStatus(String owner, Logger log) {
        this.owner = owner;
        this.log = log;
    }

    /** Sets the state; logs at INFO (or WARN when {@code problem}) if it changed. */
    public void set(String newText, boolean problem) {
        if (!newText.equals(text)) {
            text = newText;
            if (problem) {
                log.warn("{}: {}", owner, newText);
            } else {
                log.info("{}: {}", owner, newText);
            }
        }
    }

    public void passphraseRejected(boolean value) {
        passphraseRejected = value;
    }

    public void stats(SrtStats value) {
        stats = value;
    }

    public String text() {
        return text;
    }

    /** True while the last handshake failed because the passphrase was wrong or missing on one side. */
    public boolean isPassphraseRejected() {
        return passphraseRejected;
    }

    /** The last statistics read from the connection (once a second), or null before the first connection. */
    public SrtStats stats() {
        return stats;
    }
}
