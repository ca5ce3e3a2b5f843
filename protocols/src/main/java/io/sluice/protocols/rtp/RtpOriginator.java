package io.sluice.protocols.rtp;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the gateway the RTP source of a stream that arrived without RTP (plain UDP MPEG-TS, SRT payloads):
 * writes a 12-byte header with a random even SSRC kept for the stream's lifetime, a sequence number that starts at
 * a random value and counts up by one, and a 90 kHz timestamp from the injected monotonic clock
 * (protocols.md §1.2: ts = nanoTime * 9 / 100000 mod 2^32). Payload type 33 (MP2T, RFC 3551).
 * Single-threaded and allocation-free.
 */
public final class RtpOriginator {
    private final long ssrc;
    private int nextSequence;

    /** A new stream with a random SSRC (even, so RIST can use the low bit for retransmissions) and start sequence. */
    public RtpOriginator() {
        this(ThreadLocalRandom.current().nextLong(1L << 32) & ~1L, ThreadLocalRandom.current().nextInt(1 << 16));
    }

    public RtpOriginator(long ssrc, int firstSequence) {
        this.ssrc = ssrc & 0xFFFF_FFFFL;
        this.nextSequence = firstSequence & 0xFFFF;
    }

    /** Writes the next RTP header at {@code out}'s writer index, stamped with {@code nowNs}. */
    public void writeHeader(ByteBuf out, long nowNs) {
        RtpView.writeHeader(out, false, RtpView.PAYLOAD_TYPE_MP2T, nextSequence, timestamp90kHz(nowNs), ssrc);
        nextSequence = (nextSequence + 1) & 0xFFFF;
    }

    public long ssrc() {
        return ssrc;
    }

    /** The sequence number the next header will carry. */
    public int nextSequence() {
        return nextSequence;
    }

    /** {@code nowNs} on the 90 kHz RTP clock, modulo 2^32; split so that nowNs * 9 cannot overflow. */
    public static long timestamp90kHz(long nowNs) {
        long ticks = (nowNs / 100_000L) * 9L + (nowNs % 100_000L) * 9L / 100_000L;
        return ticks & 0xFFFF_FFFFL;
    }
}
