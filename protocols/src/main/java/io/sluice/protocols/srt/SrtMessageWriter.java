package io.sluice.protocols.srt;

import io.netty.buffer.ByteBuf;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.srt.ffm.Srt;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.srt.ffm.SrtOption;

/**
 * Sends the MPEG-TS payload of flow RTP packets over a non-blocking SRT socket: SRT carries TS without RTP, so the
 * RTP header is skipped and {@code srt_sendmsg2} reads the payload in place from the pooled direct buffer (libsrt
 * copies it into its send buffer, which is the per-connection bounded queue: when it is full the send fails with
 * {@code SRT_EASYNCSND} and the packet is dropped and counted, never waited for). Single-threaded, no allocation.
 */
public final class SrtMessageWriter {
    /** {@link #send} queued the payload. */
    public static final int SENT = 1;
    /** {@link #send} dropped the packet: the socket's send buffer is full (slow or stuck receiver). */
    public static final int FULL = 0;
    /** {@link #send} dropped the packet: not a valid RTP packet, or a payload libsrt cannot carry. */
    public static final int MALFORMED = -1;
    /** {@link #send} failed: the connection is gone; see {@link #lastError()}. */
    public static final int BROKEN = -2;

    private final RtpView view = new RtpView();
    private int lastError;

    /**
     * Sends the payload of {@code rtpPacket} (reader to writer index) on {@code socket}. Does not take ownership:
     * the caller still owns and releases {@code rtpPacket}.
     */
    public int send(int socket, ByteBuf rtpPacket) {
        if (!view.wrap(rtpPacket).isValid()) {
            return MALFORMED;
        }
        int length = view.payloadLength();
        if (length <= 0 || length > SrtOption.LIVE_MAX_PAYLOAD_BYTES || !rtpPacket.hasMemoryAddress()) {
            return MALFORMED;
        }
        int sent = Srt.sendmsg(socket, rtpPacket.memoryAddress() + view.payloadIndex(), length);
        if (sent >= 0) {
            return SENT;
        }
        lastError = Srt.lastError();
        return lastError == SrtErrors.EASYNCSND ? FULL : BROKEN;
    }

    /** libsrt's error code from the last failed send. */
    public int lastError() {
        return lastError;
    }
}
