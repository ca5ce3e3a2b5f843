package io.sluice.crypto.aes;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode (RFC 3686 style: 128-bit big-endian counter starting at the IV) for one packet at a time,
 * without allocating per packet. Encryption and decryption are the same operation.
 *
 * <p>It runs the JDK's {@code AES/CTR/NoPadding} (SunJCE, whose CTR loop is a HotSpot intrinsic using AES-NI/VAES)
 * re-initialised for every packet, because each RIST packet has its own IV. A plain re-initialisation costs 112 B/op
 * (a new {@code IvParameterSpec}, IV and key clones); here the key and IV specs are reused instances whose
 * {@code getEncoded()}/{@code getIV()} hand out preallocated arrays, and output goes to a separate array (SunJCE
 * copies the input when input and output overlap). AesCtrBenchmark compares this with Bouncy Castle and with CTR
 * built on the JDK's AES/ECB (docs/rist.md has the figures).
 *
 * <p>Not thread-safe: one instance per direction per connection, used on its event loop.
 */
public final class AesCtrPacketCipher {
    /** Bytes in one AES block, and so in the IV. */
    public static final int BLOCK_BYTES = 16;

    private final Cipher ctr;
    private final ReusableIv iv = new ReusableIv();
    private final byte[] output;
    private final int maxPacketBytes;
    private ReusableKey key;

    /** A cipher for packets up to {@code maxPacketBytes} long; call {@link #setKey} before use. */
    public AesCtrPacketCipher(int maxPacketBytes) {
        if (maxPacketBytes <= 0 || maxPacketBytes > 65536) {
            throw new IllegalArgumentException("maxPacketBytes " + maxPacketBytes + " is out of range 1-65536");
        }
        this.maxPacketBytes = maxPacketBytes;
        this.output = new byte[maxPacketBytes];
        try {
            this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides no AES/CTR/NoPadding", e);
        }
    }

    /** Sets the AES key (16, 24 or 32 bytes). Allocates; call it on a key change, never per packet. */
    public void setKey(byte[] keyBytes) {
        if (keyBytes.length != 16 && keyBytes.length != 24 && keyBytes.length != 32) {
            throw new IllegalArgumentException("AES key is " + keyBytes.length + " bytes (expected 16, 24 or 32)");
        }
        key = new ReusableKey(keyBytes);
    }

    public boolean isKeyed() {
        return key != null;
    }

    public int maxPacketBytes() {
        return maxPacketBytes;
    }

    /** Encrypts or decrypts {@code data[offset, offset + length)} in place, the counter starting at {@code iv[0..16)}. */
    public void apply(byte[] data, int offset, int length, byte[] ivBlock) {
        apply(data, offset, length, output, 0, ivBlock);
        System.arraycopy(output, 0, data, offset, length);
    }

    /**
     * Encrypts or decrypts {@code in[inOffset, inOffset + length)} into {@code out} at {@code outOffset}; the two
     * ranges must not overlap (use {@link #apply(byte[], int, int, byte[])} for in place).
     */
    public void apply(byte[] in, int inOffset, int length, byte[] out, int outOffset, byte[] ivBlock) {
        if (key == null) {
            throw new IllegalStateException("AES-CTR used before setKey");
        }
        if (length > maxPacketBytes) {
            throw new IllegalArgumentException("packet of " + length + " bytes exceeds " + maxPacketBytes);
        }
        if (length <= 0) {
            return;
        }
        System.arraycopy(ivBlock, 0, iv.block, 0, BLOCK_BYTES);
        try {
            ctr.init(Cipher.ENCRYPT_MODE, key, iv);
            ctr.doFinal(in, inOffset, length, out, outOffset);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("AES-CTR output too short", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR rejected its key or IV", e);
        }
    }

    /** An IV spec whose bytes we rewrite per packet; SunJCE reads them through getIV() during init. */
    private static final class ReusableIv extends IvParameterSpec {
        final byte[] block = new byte[BLOCK_BYTES];

        ReusableIv() {
            super(new byte[BLOCK_BYTES]);
        }

        @Override
        public byte[] getIV() {
            return block;
        }
    }

    /**
     * A key spec that hands SunJCE a preallocated copy of the key instead of a fresh clone. SunJCE zeroes the array it
     * was given after init, so every call refills it; AESCrypt keeps its expanded key while the bytes are unchanged.
     */
    private static final class ReusableKey extends SecretKeySpec {
        private final byte[] master;
        private final byte[] handedOut;

        ReusableKey(byte[] keyBytes) {
            super(keyBytes, "AES");
            this.master = keyBytes.clone();
            this.handedOut = new byte[keyBytes.length];
        }

        @Override
        public byte[] getEncoded() {
            System.arraycopy(master, 0, handedOut, 0, master.length);
            return handedOut;
        }
    }
}
