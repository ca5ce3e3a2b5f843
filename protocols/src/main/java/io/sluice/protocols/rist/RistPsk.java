package io.sluice.protocols.rist;

import io.netty.buffer.ByteBuf;
import io.sluice.crypto.aes.AesCtrPacketCipher;
import io.sluice.crypto.aes.RistKeyDerivation;
import java.security.SecureRandom;

/**
 * Pre-shared-key AES-CTR for one RIST main-profile connection, both directions, exactly as librist 0.2.7 does it
 * (protocols.md §4.6): key = PBKDF2(passphrase, nonce); IV = GRE sequence (4 bytes, big-endian) then 12 zero bytes
 * for RIST GRE version >= 1 packets, 12 zero bytes then the sequence for version 0 (the TR-06-2 layout).
 *
 * <p>Sending picks a random non-zero nonce and rotates it every {@code rotationPackets} packets (and always before the
 * 32-bit GRE sequence wraps). Receiving re-derives the key only when the peer's nonce or key size changes, and at most
 * once per {@link #MIN_DERIVATION_INTERVAL_NS}, so garbage with random nonces cannot make us run PBKDF2 per packet.
 * Packets are decrypted through a scratch array: no allocation per packet.
 */
public final class RistPsk {
    /** Garbage with ever-new nonces must not cost a PBKDF2 per packet: one derivation per 20 ms at most. */
    public static final long MIN_DERIVATION_INTERVAL_NS = 20_000_000L;
    private static final int MAX_PACKET_BYTES = 65536 - 8;

    private final byte[] passphrase;
    private final int keyBits;
    private final long rotationPackets;
    private final SecureRandom random = new SecureRandom();
    private final AesCtrPacketCipher txCipher = new AesCtrPacketCipher(MAX_PACKET_BYTES);
    private final AesCtrPacketCipher rxCipher = new AesCtrPacketCipher(MAX_PACKET_BYTES);
    private final byte[] scratch = new byte[MAX_PACKET_BYTES];
    private final byte[] cipherOut = new byte[MAX_PACKET_BYTES];
    private final byte[] iv = new byte[AesCtrPacketCipher.BLOCK_BYTES];
    private int txNonce;
    private int txSequence;
    private long txPacketsWithNonce;
    private int rxNonce;
    private int rxKeyBits;
    private boolean rxKeyed;
    private long lastDerivationNs;
    private boolean derivedOnce;

    /** {@code passphrase} is used as given (librist: the C string's bytes); keyBits 128 or 256. */
    public RistPsk(byte[] passphrase, int keyBits, long rotationPackets) {
        if (keyBits != 128 && keyBits != 256) {
            throw new IllegalArgumentException("RIST PSK key size " + keyBits + " bits (expected 128 or 256)");
        }
        if (passphrase.length == 0 || passphrase.length > 127) {
            throw new IllegalArgumentException("RIST passphrase must be 1-127 bytes, was " + passphrase.length);
        }
        this.passphrase = passphrase.clone();
        this.keyBits = keyBits;
        this.rotationPackets = rotationPackets <= 0 ? (1L << 31) : Math.min(rotationPackets, 1L << 31);
        newTxNonce();
    }

    public int keyBits() {
        return keyBits;
    }

    private void newTxNonce() {
        int nonce;
        do {
            nonce = random.nextInt();
        } while (nonce == 0 || nonce == txNonce);
        txNonce = nonce;
        txCipher.setKey(RistKeyDerivation.deriveKey(passphrase, nonce, keyBits));
        txPacketsWithNonce = 0;
    }

    /**
     * Writes a keyed GRE header with the next sequence number and the ports, then {@code payload}'s readable bytes,
     * and encrypts everything after the 12-byte GRE header in place ({@code retransmission} sets the copied RTP SSRC's
     * LSB first). Does not take {@code payload}.
     */
    public void writeEncrypted(ByteBuf out, int sourcePort, int destinationPort, ByteBuf payload, boolean retransmission) {
        if (txPacketsWithNonce >= rotationPackets) {
            newTxNonce(); // rare: allocates for the key schedule only
        }
        txPacketsWithNonce++;
        int sequence = ++txSequence;
        int start = out.writerIndex();
        Gre.writeKeyed(out, keyBits == 256, txNonce, sequence, sourcePort, destinationPort);
        int rtpAt = out.writerIndex();
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        if (retransmission) {
            out.setByte(rtpAt + 11, out.getByte(rtpAt + 11) | 1); // RIST: SSRC LSB set on retransmissions
        }
        int from = start + 12;
        seqFirstIv(sequence);
        crypt(txCipher, out, from, out.writerIndex() - from);
    }

    /**
     * Decrypts in place the GRE payload of a keyed packet whose 12-byte header starts at {@code headerIndex}. Returns
     * false, leaving the bytes as they were or garbled, when no key could be derived now (throttled).
     */
    public boolean decrypt(ByteBuf buf, int headerIndex, int payloadIndex, int payloadBytes, long nowNs) {
        int flags2 = buf.getUnsignedByte(headerIndex + 1);
        int nonce = buf.getInt(headerIndex + 4);
        int sequence = buf.getInt(headerIndex + 8);
        int version = (flags2 & 0x38) >>> 3;
        int bits = version >= 1 ? ((flags2 & Gre.FLAGS2_AES256) != 0 ? 256 : 128) : keyBits;
        if (!rxKeyed || nonce != rxNonce || bits != rxKeyBits) {
            if (derivedOnce && nowNs - lastDerivationNs < MIN_DERIVATION_INTERVAL_NS) {
                return false;
            }
            derivedOnce = true;
            lastDerivationNs = nowNs;
            rxCipher.setKey(RistKeyDerivation.deriveKey(passphrase, nonce, bits));
            rxNonce = nonce;
            rxKeyBits = bits;
            rxKeyed = true;
        }
        if (version >= 1) {
            seqFirstIv(sequence);
        } else {
            java.util.Arrays.fill(iv, (byte) 0);
            iv[12] = (byte) (sequence >>> 24);
            iv[13] = (byte) (sequence >>> 16);
            iv[14] = (byte) (sequence >>> 8);
            iv[15] = (byte) sequence;
        }
        crypt(rxCipher, buf, payloadIndex, payloadBytes);
        return true;
    }

    private void seqFirstIv(int sequence) {
        iv[0] = (byte) (sequence >>> 24);
        iv[1] = (byte) (sequence >>> 16);
        iv[2] = (byte) (sequence >>> 8);
        iv[3] = (byte) sequence;
        for (int i = 4; i < iv.length; i++) {
            iv[i] = 0;
        }
    }

    private void crypt(AesCtrPacketCipher cipher, ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            cipher.apply(buf.array(), buf.arrayOffset() + index, length, cipherOut, 0, iv);
        } else {
            buf.getBytes(index, scratch, 0, length);
            cipher.apply(scratch, 0, length, cipherOut, 0, iv);
        }
        buf.setBytes(index, cipherOut, 0, length);
    }
}
