package io.sluice.bench.crypto;

import io.sluice.bench.AllocationExempt;
import io.sluice.crypto.aes.AesCtrPacketCipher;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.ShortBufferException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Which AES-CTR to use for RIST PSK packets: one packet per operation, a fresh counter (IV) per packet as RIST needs
 * (IV = GRE sequence). MB/s = ops/s x size / 10^6. Decides {@link AesCtrPacketCipher} (docs/rist.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AesCtrBenchmark {
    @Param({"1332"})
    int size;

    @Param({"128", "256"})
    int keyBits;

    private byte[] data;
    private byte[] out;
    private final byte[] iv = new byte[16];
    private int sequence;
    private AesCtrPacketCipher ours;
    private EcbCounterCipher ecbCtr;
    private Cipher jdkCtr;
    private SecretKeySpec keySpec;
    private SICBlockCipher bcCtr;

    @Setup
    public void setUp() throws Exception {
        byte[] key = new byte[keyBits / 8];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        data = new byte[size];
        out = new byte[size];
        ours = new AesCtrPacketCipher(size);
        ours.setKey(key);
        ecbCtr = new EcbCounterCipher(size);
        ecbCtr.setKey(key);
        keySpec = new SecretKeySpec(key, "AES");
        jdkCtr = Cipher.getInstance("AES/CTR/NoPadding");
        jdkCtr.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(iv));
        bcCtr = (SICBlockCipher) SICBlockCipher.newInstance(AESEngine.newInstance());
        bcCtr.init(true, new ParametersWithIV(new KeyParameter(key), iv));
    }

    private void nextIv() {
        int s = ++sequence;
        iv[0] = (byte) (s >>> 24);
        iv[1] = (byte) (s >>> 16);
        iv[2] = (byte) (s >>> 8);
        iv[3] = (byte) s;
    }

    /** Ours ({@link AesCtrPacketCipher}): the JDK's AES/CTR re-initialised per packet with reused key/IV specs. */
    @Benchmark
    public byte[] jdkCtrReusedSpecs() {
        nextIv();
        ours.apply(data, 0, size, out, 0, iv);
        return out;
    }

    /** Counter blocks through the JDK's AES/ECB, then XOR in place (allocation-free, but ECB has no multi-block intrinsic). */
    @Benchmark
    public byte[] jdkEcbCounterInPlace() {
        nextIv();
        ecbCtr.apply(data, 0, size, iv);
        return data;
    }

    /** The JDK's AES/CTR re-initialised per packet (needs a new IvParameterSpec each time). */
    @Benchmark
    @AllocationExempt(reason = "the rejected alternative: Cipher.init with a new IvParameterSpec per packet (112-128 B)")
    public byte[] jdkCtrReinitPerPacket() throws Exception {
        nextIv();
        jdkCtr.init(Cipher.ENCRYPT_MODE, keySpec, new IvParameterSpec(iv));
        jdkCtr.doFinal(data, 0, size, out, 0);
        return out;
    }

    /** Bouncy Castle's lightweight SIC (CTR) over its pure-Java AES engine, re-IV'd per packet (null key = keep). */
    @Benchmark
    @AllocationExempt(reason = "the rejected alternative: Bouncy Castle's ParametersWithIV per packet (64 B)")
    public byte[] bouncyCastleSicPerPacket() {
        nextIv();
        bcCtr.init(true, new ParametersWithIV(null, iv));
        bcCtr.processBytes(data, 0, size, out, 0);
        return out;
    }

    /** The alternative measured: CTR built from counter blocks run through AES/ECB and XORed in. */
    static final class EcbCounterCipher {
        private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

        /** Bytes in one AES block, and so in the IV and in each counter step. */
        public static final int BLOCK_BYTES = 16;

        private final Cipher ecb;
        private final byte[] counterBlocks;
        private final byte[] keyStream;
        private final int maxPacketBytes;
        private boolean keyed;

        /** A cipher for packets up to {@code maxPacketBytes} long; call {@link #setKey} before use. */
        EcbCounterCipher(int maxPacketBytes) {
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
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                LONG_BE.set(data, offset + i, (long) LONG_BE.get(data, offset + i) ^ (long) LONG_BE.get(keyStream, i));
            }
            for (; i < length; i++) {
                data[offset + i] ^= keyStream[i];
            }
        }

        /** Writes {@code blocks} consecutive counter blocks, iv, iv+1, ..., with a 128-bit big-endian increment. */
        private void fillCounters(byte[] iv, int blocks) {
            long high = (long) LONG_BE.get(iv, 0);
            long low = (long) LONG_BE.get(iv, 8);
            for (int b = 0, at = 0; b < blocks; b++, at += BLOCK_BYTES) {
                LONG_BE.set(counterBlocks, at, high);
                LONG_BE.set(counterBlocks, at + 8, low);
                if (++low == 0) {
                    high++; // carry out of the low 64 bits: the counter is 128 bits wide
                }
            }
        }
    }
}
