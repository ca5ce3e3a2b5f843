package io.sluice.protocols.srt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.protocols.srt.ffm.Srt;
import io.sluice.protocols.srt.ffm.SrtErrors;
import io.sluice.protocols.srt.ffm.SrtOption;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads SRT messages (MPEG-TS payloads, any multiple of 188 bytes up to 1456, not always 1316: protocols.md §7.4
 * item 13) from a non-blocking socket straight into pooled direct ByteBufs, behind 12 bytes of room for the RTP
 * header it then writes, so each message becomes one flow packet with one copy only (libsrt's, into our buffer).
 *
 * <pre>
 * buffer: | RTP header (12, written here) | SRT payload (n x 188, written by srt_recvmsg2) |
 * </pre>
 * Single-threaded: use it from the event loop that drains the socket. Allocates nothing per message beyond the
 * pooled buffer it hands over; a read that finds nothing keeps its buffer for the next one.
 */
public final class SrtMessageReader {
    /** {@link #read} found no message ({@code SRT_EASYNCRCV}). */
    public static final int AGAIN = 0;
    /** {@link #read} dropped a message that is not MPEG-TS; see {@link #malformed()}. */
    public static final int MALFORMED = -1;
    /** {@link #read} failed: the connection is lost or the socket closed; see {@link #lastError()}. */
    public static final int BROKEN = -2;

    private static final int TS_PACKET_BYTES = 188;
    private static final int TS_SYNC_BYTE = 0x47;
    private static final int CAPACITY = RtpView.FIXED_HEADER_BYTES + SrtOption.LIVE_MAX_PAYLOAD_BYTES;

    private final ByteBufAllocator allocator;
    /** SRTO_EVENT value (8 bytes) and its length (int at 8), reused for every read. */
    private final MemorySegment eventScratch = Arena.ofAuto().allocate(16, 8);
    private final long eventValueAddress = eventScratch.address();
    private final long ssrc;
    private int sequence;
    private ByteBuf spare;
    private ByteBuf packet;
    private long malformed;
    private int lastError;

    /**
     * @param ssrc the RTP SSRC of the packets this reader builds
     * @param firstSequence the first RTP sequence number (random, RFC 3550 §5.1)
     */
    public SrtMessageReader(ByteBufAllocator allocator, long ssrc, int firstSequence) {
        this.allocator = allocator;
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xffff;
        ByteBuf probe = allocator.directBuffer(1);
        boolean addressable = probe.hasMemoryAddress();
        probe.release();
        if (!addressable) {
            throw new IllegalArgumentException("SRT needs direct buffers with a memory address from " + allocator
                    + " (expected Netty's pooled direct allocator)");
        }
    }

    /**
     * Reads one message from {@code socket}. Returns its payload length (&gt; 0) and makes the RTP packet available
     * from {@link #takePacket()}, or {@link #AGAIN}, {@link #MALFORMED} or {@link #BROKEN}.
     *
     * @param arrivalNs the flow clock's now, stamped as the 90 kHz RTP timestamp
     */
    public int read(int socket, long arrivalNs) {
        if (!readable(socket)) {
            lastError = SrtErrors.EASYNCRCV;
            return AGAIN;
        }
        ByteBuf buf = spare;
        if (buf == null) {
            buf = allocator.directBuffer(CAPACITY, CAPACITY);
        }
        spare = null;
        int length = Srt.recvmsg(socket, buf.memoryAddress() + RtpView.FIXED_HEADER_BYTES,
                SrtOption.LIVE_MAX_PAYLOAD_BYTES);
        if (length <= 0) {
            spare = buf;                                        // keep it for the next read, nothing to release
            lastError = length == 0 ? SrtErrors.ECONNLOST : Srt.lastError();
            return lastError == SrtErrors.EASYNCRCV ? AGAIN : BROKEN;
        }
        buf.clear();
        if (length % TS_PACKET_BYTES != 0
                || buf.getByte(RtpView.FIXED_HEADER_BYTES) != (byte) TS_SYNC_BYTE) {
            malformed++;
            spare = buf;
            return MALFORMED;
        }
        RtpView.writeHeader(buf, false, RtpView.PAYLOAD_TYPE_MP2T, sequence, rtpTimestamp(arrivalNs), ssrc);
        sequence = (sequence + 1) & 0xffff;
        buf.writerIndex(RtpView.FIXED_HEADER_BYTES + length);
        packet = buf;
        return length;
    }

    /**
     * Asks libsrt whether a message can be read now (or the socket failed) before calling srt_recvmsg2: a
     * srt_recvmsg2 that finds nothing costs about 1.5 us (libsrt raises and catches a C++ exception for
     * SRT_EASYNCRCV; SrtBindingBenchmark), and every drain ends with such a call otherwise.
     */
    private boolean readable(int socket) {
        eventScratch.set(ValueLayout.JAVA_INT, 8, 4);
        if (Srt.getsockflag(socket, SrtOption.EVENT, eventValueAddress, eventValueAddress + 8) < 0) {
            return true;                                         // let srt_recvmsg2 report the error
        }
        return (eventScratch.get(ValueLayout.JAVA_INT, 0) & (SrtErrors.EPOLL_IN | SrtErrors.EPOLL_ERR)) != 0;
    }

    /**
     * Hands over the packet of the last successful {@link #read}; the caller owns that one reference and must
     * release it or pass it on.
     */
    public ByteBuf takePacket() {
        ByteBuf p = packet;
        packet = null;
        return p;
    }

    /** libsrt's error code from the last failed read. */
    public int lastError() {
        return lastError;
    }

    /** Messages dropped because they were not whole MPEG-TS packets. */
    public long malformed() {
        return malformed;
    }

    /** The RTP sequence number the next packet gets. */
    public int nextSequence() {
        return sequence;
    }

    /** Releases the spare buffer; call when the socket is done. */
    public void close() {
        if (spare != null) {
            spare.release();
            spare = null;
        }
        if (packet != null) {
            packet.release();
            packet = null;
        }
    }

    /** 90 kHz clock (RFC 3551 §4.5 for MP2T), truncated to 32 bits; split to avoid overflow of ns * 9. */
    static long rtpTimestamp(long arrivalNs) {
        return ((arrivalNs / 100_000L) * 9L + (arrivalNs % 100_000L) * 9L / 100_000L) & 0xffff_ffffL;
    }
}
