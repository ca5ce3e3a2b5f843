package io.sluice.gateway.source.srt;

import org.slf4j.Logger;

/**
 * The human-readable state of one SRT source or output ("connected to 127.0.0.1:9000", "listening on
 * 0.0.0.0:5000, waiting for a caller") and the problem with its link, if any ("refused 127.0.0.1:50000 at
 * handshake: wrong SRT passphrase"). Written on the flow's loop, read from any thread. A change of text is logged
 * once, so a caller retrying every second with a wrong passphrase gives one line, not one per attempt. Never
 * contains a secret: the texts come from libsrt's reject reasons and addresses only.
 */
public final class SrtStatus {
    private final String owner;
    private final Logger log;
    private volatile String text = "starting";
    private volatile String problem;

    /**
     * @param owner who the lines are about, e.g. "source contribution"
     * @param log   the source's or output's own logger, so its lines carry its class name
     */
    public SrtStatus(String owner, Logger log) {
        this.owner = owner;
        this.log = log;
    }

    /** Sets the state; logs at INFO (or WARN when {@code warn}) if it changed. */
    public void set(String newText, boolean warn) {
        if (!newText.equals(text)) {
            text = newText;
            if (warn) {
                log.warn("{}: {}", owner, newText);
            } else {
                log.info("{}: {}", owner, newText);
            }
        }
    }

    /** Sets the problem with the link (null: none), reported in {@code LinkStats.problem} while it holds. */
    public void problem(String value) {
        problem = value;
    }

    public String text() {
        return text;
    }

    /** What is wrong with the link now, one line a person can act on; null when nothing is. */
    public String problem() {
        return problem;
    }
}
