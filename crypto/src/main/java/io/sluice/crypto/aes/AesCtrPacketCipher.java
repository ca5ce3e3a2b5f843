package io.sluice.crypto.aes;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode for one packet at a time, in place and without allocating per packet.
 *
 * <p>The JDK's {@code AES/CTR/NoPadding} needs a fresh {@code IvParameterSpec} (and clones it twice) for every
 * re-initialisation: 112 B/op. Instead this class builds the counter blocks itself and runs them through the JDK's
 * {@code AES/ECB/NoPadding}, which uses the same AES intrinsics, then XORs the key stream into the data. The result is
 * byte for byte RFC 3686 style CTR (128-bit big-endian counter, incremented per 16-byte block) and allocates nothing
 * (AesCtrBenchmark: JDK ECB-CTR vs JDK CTR re-init vs Bouncy Castle, docs/rist.md). Encryption and decryption are the
 * same operation.
 *
 * <p>Not thread-safe: one instance per direction per connection, used on its event loop.
 */
public final class AesCtrPacketCipher {
    /** Bytes in one AES block, and so in the IV and in each counter step. */
    public static final int BLOCK_BYTES = 16;

    private final Cipher ecb;
    private final byte[] counterBlocks;
    private final byte[] keyStream;
    private final int maxPacketBytes;
    private boolean keyed;

    /** A cipher for packets up to {@code maxPacketBytes} long; call {@link #setKey} before use. */
    public AesCtrPacketCipher(int maxPacketBytes) {
        if (maxPacketBytes <= 0 || maxPacketBytes > 65536) {
            throw new IllegalArgumentException("maxPacketBytes " + maxPacketBytes + " is out of range 1-65536");
        }
        this.maxPacketBytes = maxPacketBytes;
        int rounded = (maxPacketBytes + BLOCK_BYTES - 1) / BLOCK_BYTES * BLOCK_BYTES;
        this.counterBlocks = new byte[rounded];
        this.keyStream = new byte[rounded];
        try {
            this.ecb = Cipher.getInstance("AES/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides no AES/ECB/NoPadding", e);
        }
    }

    /** Sets the AES key (16, 24 or 32 bytes). Allocates; call it on a key change, never per packet. */
    public void setKey(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("AES key is " + key.length + " bytes (expected 16, 24 or 32)");
        }
        try {
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key rejected by the JDK", e);
        }
        keyed = true;
    }

    public boolean isKeyed() {
        return keyed;
    }

    public int maxPacketBytes() {
        return maxPacketBytes;
    }

    /**
     * Encrypts or decrypts {@code data[offset, offset + length)} in place with the key stream that starts at the
     * 16-byte counter block {@code iv[0..16)}.
     */
    public void apply(byte[] data, int offset, int length, byte[] iv) {
        if (!keyed) {
            throw new IllegalStateException("AES-CTR used before setKey");
        }
        if (length > maxPacketBytes) {
            throw new IllegalArgumentException("packet of " + length + " bytes exceeds " + maxPacketBytes);
        }
        if (length <= 0) {
            return;
        }
        int blocks = (length + BLOCK_BYTES - 1) / BLOCK_BYTES;
        fillCounters(iv, blocks);
        int streamBytes = blocks * BLOCK_BYTES;
        try {
            ecb.update(counterBlocks, 0, streamBytes, keyStream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("key stream buffer too short", e);
        }
        for (int i = 0; i < length; i++) {
            data[offset + i] ^= keyStream[i];
        }
    }

    /** Writes {@code blocks} consecutive counter blocks, iv, iv+1, ..., with a 128-bit big-endian increment. */
    private void fillCounters(byte[] iv, int blocks) {
        System.arraycopy(iv, 0, counterBlocks, 0, BLOCK_BYTES);
        for (int b = 1; b < blocks; b++) {
            int at = b * BLOCK_BYTES;
            System.arraycopy(counterBlocks, at - BLOCK_BYTES, counterBlocks, at, BLOCK_BYTES);
            for (int i = at + BLOCK_BYTES - 1; i >= at; i--) {
                if (++counterBlocks[i] != 0) {
                    break;
                }
            }
        }
    }
}
