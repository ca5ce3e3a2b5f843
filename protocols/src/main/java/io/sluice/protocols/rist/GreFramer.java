package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Puts RTP/RTCP into main-profile GRE (clear, or keyed and encrypted with the connection's {@link RistPsk}) and takes
 * it out again, validating and counting what it drops. One per connection, used on its event loop.
 */
public final class GreFramer {
    /** A nonce is judged wrong after this many failed packets before {@link #TRUSTED_AFTER} good ones. */
    static final int DISTRUST_AFTER = 3;
    static final int TRUSTED_AFTER = 8;

    private final RistPsk psk;
    private final RistCounters counters;
    private int judgedNonce;
    private boolean nonceSeen;
    private int nonceFailures;
    private int nonceSuccesses;
    private RistRefusal lastRefusal;

    public GreFramer(RistPsk psk, RistCounters counters) {
        this.psk = psk;
        this.counters = counters;
    }

    /**
     * A new buffer holding GRE + reduced header + a copy of {@code payload}'s readable bytes (encrypted when keyed);
     * {@code retransmission} sets the RIST retransmission bit (SSRC LSB) of the copied RTP header. Does not take
     * {@code payload}; the caller owns the result.
     */
    public ByteBuf frame(ByteBufAllocator alloc, ByteBuf payload, int sourcePort, int destinationPort, boolean retransmission) {
        ByteBuf out = alloc.directBuffer(16 + payload.readableBytes());
        frameInto(out, payload, sourcePort, destinationPort, retransmission);
        return out;
    }

    /** Like {@link #frame} but appends to {@code out} (neither buffer is taken). */
    public void frameInto(ByteBuf out, ByteBuf payload, int sourcePort, int destinationPort, boolean retransmission) {
        if (psk != null) {
            psk.writeEncrypted(out, sourcePort, destinationPort, payload, retransmission);
        } else {
            Gre.writeClear(out, sourcePort, destinationPort);
            int rtpAt = out.writerIndex();
            out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            if (retransmission) {
                out.setByte(rtpAt + 11, out.getByte(rtpAt + 11) | 1);
            }
        }
    }

    /**
     * Whether decrypted bytes at {@code index} (up to {@code end}) can be what a RIST peer sends: RTP with V=2, P=0,
     * CC=0, PT 33 (MPEG-TS, what librist sends) whose payload starts with the TS sync byte 0x47, or an RTCP compound,
     * which starts with an SR or RR (RFC 3550 §6.1) whose length fits. Garbage from a wrong key passes about once in
     * 4 million packets (the RTCP test alone used to pass one packet in 128).
     */
    private static boolean plausible(ByteBuf buf, int index, int end) {
        int first = buf.getUnsignedByte(index);
        int second = buf.getUnsignedByte(index + 1);
        if (second == RtcpWriter.PT_SR || second == RtcpWriter.PT_RR) {
            return (first & 0xE0) == 0x80 && (buf.getUnsignedShort(index + 2) + 1) * 4 <= end - index;
        }
        if ((first & 0xEF) != 0x80 || (second & 0x7F) != 33 || end - index < 12) {
            return false;
        }
        int payload = index + 12;
        if ((first & 0x10) != 0) { // header extension: the TR-06-2 one when librist deletes null packets
            if (payload + 4 > end) {
                return false;
            }
            payload += 4 + 4 * buf.getUnsignedShort(payload + 2);
        }
        return payload == end || payload < end && buf.getUnsignedByte(payload) == 0x47;
    }

    /**
     * Validates and (if keyed) decrypts the GRE datagram in {@code buf}'s readable bytes. On success moves the reader
     * index to the inner RTP/RTCP packet and returns true; otherwise counts why and returns false (the caller still
     * owns and releases {@code buf}).
     */
    public boolean unframe(ByteBuf buf, long nowNs) {
        lastRefusal = null;
        int at = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - at < 4) {
            counters.malformed++;
            return false;
        }
        int flags1 = buf.getUnsignedByte(at);
        int protocol = buf.getUnsignedShort(at + 2);
        if (protocol != Gre.PROTO_REDUCED) {
            if (protocol == Gre.PROTO_KEEPALIVE || protocol == Gre.PROTO_IPV4 || protocol == Gre.PROTO_EAPOL) {
                counters.unsupported++;
            } else {
                counters.malformed++;
            }
            return false;
        }
        int header = Gre.headerBytes(flags1);
        int inner = at + header + Gre.REDUCED_HEADER_BYTES;
        if (inner + 4 > end) {
            counters.malformed++;
            return false;
        }
        boolean keyed = (flags1 & Gre.FLAG_K) != 0;
        if (keyed != (psk != null)) {
            return refuse(keyed ? RistRefusal.ENCRYPTED_WITHOUT_KEY : RistRefusal.CLEAR_WITH_KEY);
        }
        if (keyed) {
            if ((flags1 & (Gre.FLAG_S | Gre.FLAG_C)) != Gre.FLAG_S) {
                counters.malformed++;
                return false;
            }
            int nonce = buf.getInt(at + 4);
            if (!nonceSeen || nonce != judgedNonce) {
                nonceSeen = true;
                judgedNonce = nonce;
                nonceFailures = 0;
                nonceSuccesses = 0;
            }
            if (nonceFailures >= DISTRUST_AFTER && nonceSuccesses < TRUSTED_AFTER) {
                return refuse(RistRefusal.WRONG_KEY); // this nonce's key is wrong: skip the AES work and the lottery
            }
            if (!psk.decrypt(buf, at, at + header, end - at - header, nowNs)) {
                return refuse(RistRefusal.WRONG_KEY);
            }
            if (!plausible(buf, inner, end)) {
                // RIST PSK has no authentication tag: a wrong passphrase shows as implausible RTP/RTCP after
                // decryption. Random bytes pass this test about once in 4 million, so a nonce that fails a few times
                // before it has proven itself is distrusted as a whole (nothing of a wrong key gets through).
                nonceFailures++;
                if (nonceSuccesses < TRUSTED_AFTER) {
                    nonceSuccesses = 0;
                }
                return refuse(RistRefusal.WRONG_KEY);
            }
            nonceSuccesses++;
        } else if ((buf.getUnsignedByte(inner) >>> 6) != 2) {
            counters.malformed++;
            return false;
        }
        buf.readerIndex(inner);
        return true;
    }

    private boolean refuse(RistRefusal why) {
        counters.decryptionFailures++;
        lastRefusal = why;
        return false;
    }

    /** Why the last {@link #unframe} returned false when it was a key problem (counted as a decryption failure), else null. */
    public RistRefusal lastRefusal() {
        return lastRefusal;
    }
}
