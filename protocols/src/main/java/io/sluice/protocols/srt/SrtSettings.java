package io.sluice.protocols.srt;

import java.util.Arrays;

/**
 * Options for one SRT socket, already mapped from the flow config (gateway-core does that mapping).
 *
 * @param latencyMs        SRTO_LATENCY (receive and peer latency), from MinLatency; libsrt's default is 120
 * @param passphrase       SRTO_PASSPHRASE bytes (10..80), or null for no encryption; never printed
 * @param keyLengthBytes   SRTO_PBKEYLEN: 16, 24 or 32 (aes128/192/256), or 0 for libsrt's choice
 * @param streamId         SRTO_STREAMID a caller sends ("" for none), at most 512 bytes
 * @param connectTimeoutMs SRTO_CONNTIMEO for callers
 * @param peerIdleTimeoutMs SRTO_PEERIDLETIMEO: a silent peer is declared broken after this long
 */
public record SrtSettings(int latencyMs, byte[] passphrase, int keyLengthBytes, String streamId, int connectTimeoutMs,
                          int peerIdleTimeoutMs) {

    public static final int DEFAULT_LATENCY_MS = 120;

    public SrtSettings {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("SRT latency " + latencyMs + " ms is negative (expected 0 or more)");
        }
        if (passphrase != null && (passphrase.length < 10 || passphrase.length > 79)) {
            throw new IllegalArgumentException("SRT passphrase has " + passphrase.length
                    + " characters (expected 10 to 79)");
        }
        if (keyLengthBytes != 0 && keyLengthBytes != 16 && keyLengthBytes != 24 && keyLengthBytes != 32) {
            throw new IllegalArgumentException("SRT key length " + keyLengthBytes + " bytes (expected 16, 24 or 32)");
        }
        streamId = streamId == null ? "" : streamId;
        if (streamId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 512) {
            throw new IllegalArgumentException("SRT stream id is longer than 512 bytes");
        }
        passphrase = passphrase == null ? null : passphrase.clone();
    }

    /** Plain, unencrypted, libsrt's default latency. */
    public static SrtSettings defaults() {
        return new SrtSettings(DEFAULT_LATENCY_MS, null, 0, "", 3000, 5000);
    }

    public SrtSettings withLatencyMs(int value) {
        return new SrtSettings(value, passphrase, keyLengthBytes, streamId, connectTimeoutMs, peerIdleTimeoutMs);
    }

    public SrtSettings withPassphrase(byte[] value, int keyLength) {
        return new SrtSettings(latencyMs, value, keyLength, streamId, connectTimeoutMs, peerIdleTimeoutMs);
    }

    public SrtSettings withStreamId(String value) {
        return new SrtSettings(latencyMs, passphrase, keyLengthBytes, value, connectTimeoutMs, peerIdleTimeoutMs);
    }

    public SrtSettings withPeerIdleTimeoutMs(int value) {
        return new SrtSettings(latencyMs, passphrase, keyLengthBytes, streamId, connectTimeoutMs, value);
    }

    public boolean encrypted() {
        return passphrase != null;
    }

    @Override
    public byte[] passphrase() {
        return passphrase == null ? null : passphrase.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtSettings s && latencyMs == s.latencyMs && Arrays.equals(passphrase, s.passphrase)
                && keyLengthBytes == s.keyLengthBytes && streamId.equals(s.streamId)
                && connectTimeoutMs == s.connectTimeoutMs && peerIdleTimeoutMs == s.peerIdleTimeoutMs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(passphrase) * 31 + latencyMs * 17 + streamId.hashCode();
    }

    /** Says whether a passphrase is set, never what it is. */
    @Override
    public String toString() {
        return "SrtSettings[latencyMs=" + latencyMs + ", encrypted=" + encrypted() + ", keyLengthBytes=" + keyLengthBytes
                + ", streamId=" + streamId + ", connectTimeoutMs=" + connectTimeoutMs
                + ", peerIdleTimeoutMs=" + peerIdleTimeoutMs + "]";
    }
}
