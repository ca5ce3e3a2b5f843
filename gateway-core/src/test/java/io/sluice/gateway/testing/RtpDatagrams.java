package io.sluice.gateway.testing;

import java.nio.ByteBuffer;

/** RTP datagrams as a test sender puts them on the wire: V=2, no padding, extension or CSRC, payload type 33 (MP2T). */
public final class RtpDatagrams {
    public static final int HEADER_BYTES = 12;
    private static final int MP2T = 33;

    private RtpDatagrams() {}

    /** The 12-byte header ({@code sequence} mod 2^16, {@code timestamp} mod 2^32) followed by the whole payload. */
    public static byte[] of(int sequence, long timestamp, int ssrc, byte[] payload) {
        return of(sequence, timestamp, ssrc, payload, 0, payload.length);
    }

    /** The 12-byte header followed by {@code length} bytes of {@code payload} from {@code offset}. */
    public static byte[] of(int sequence, long timestamp, int ssrc, byte[] payload, int offset, int length) {
        return ByteBuffer.allocate(HEADER_BYTES + length)
                .put((byte) 0x80).put((byte) MP2T).putShort((short) sequence).putInt((int) timestamp).putInt(ssrc)
                .put(payload, offset, length)
                .array();
    }
}
