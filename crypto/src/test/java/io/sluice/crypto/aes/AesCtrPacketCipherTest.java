package io.sluice.crypto.aes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

class AesCtrPacketCipherTest {

    @Property(tries = 200)
    void equalsTheJdkAndBouncyCastleCtr(@ForAll @Size(value = 16) byte[] key16, @ForAll @Size(16) byte[] iv,
            @ForAll @IntRange(min = 1, max = 1500) int length, @ForAll boolean aes256) throws Exception {
        byte[] key = aes256 ? Arrays.copyOf(key16, 32) : key16;
        byte[] plain = new byte[length];
        for (int i = 0; i < length; i++) {
            plain[i] = (byte) (i * 31 + 7);
        }
        Cipher jdk = Cipher.getInstance("AES/CTR/NoPadding");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] expected = jdk.doFinal(plain);

        SICBlockCipher bc = (SICBlockCipher) SICBlockCipher.newInstance(AESEngine.newInstance());
        bc.init(true, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] viaBc = new byte[length];
        bc.processBytes(plain, 0, length, viaBc, 0);

        AesCtrPacketCipher cipher = new AesCtrPacketCipher(1500);
        cipher.setKey(key);
        byte[] data = new byte[length + 8];
        System.arraycopy(plain, 0, data, 4, length);
        cipher.apply(data, 4, length, iv);

        assertThat(Arrays.copyOfRange(data, 4, 4 + length)).isEqualTo(expected).isEqualTo(viaBc);
        assertThat(Arrays.copyOfRange(data, 0, 4)).containsOnly(0);
        assertThat(Arrays.copyOfRange(data, 4 + length, data.length)).containsOnly(0);
    }

    @Test
    void carriesTheCounterAcrossAllSixteenBytes() throws Exception {
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        Arrays.fill(iv, 4, 16, (byte) 0xFF);
        byte[] plain = new byte[64];
        Cipher jdk = Cipher.getInstance("AES/CTR/NoPadding");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] expected = jdk.doFinal(plain);

        AesCtrPacketCipher cipher = new AesCtrPacketCipher(64);
        cipher.setKey(key);
        cipher.apply(plain, 0, 64, iv);
        assertThat(plain).isEqualTo(expected);
    }

    @Test
    void decryptingWhatItEncryptedGivesThePlaintextBack() {
        AesCtrPacketCipher cipher = new AesCtrPacketCipher(1400);
        cipher.setKey(new byte[32]);
        byte[] iv = {0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] data = new byte[1336];
        Arrays.fill(data, (byte) 0x47);
        cipher.apply(data, 0, data.length, iv);
        assertThat(data).isNotEqualTo(filled(1336));
        cipher.apply(data, 0, data.length, iv);
        assertThat(data).isEqualTo(filled(1336));
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0x47);
        return b;
    }
}
