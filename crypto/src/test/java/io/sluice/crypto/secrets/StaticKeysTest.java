package io.sluice.crypto.secrets;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticKeysTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:rtp-key";
    private static final String KEY_HEX = "000102030405060708090a0b0c0d0e0F";

    @Test
    void decodesAHexKeyOfTheExpectedLength() {
        byte[] key = StaticKeys.fromHex(ARN, KEY_HEX.getBytes(StandardCharsets.US_ASCII), 16);

        assertThat(HexFormat.of().formatHex(key)).isEqualTo(KEY_HEX.toLowerCase());
    }

    @Test
    void aWrongLengthNamesTheExpectationNotTheValue() {
        assertThatThrownBy(() -> StaticKeys.fromHex(ARN, KEY_HEX.getBytes(StandardCharsets.US_ASCII), 32))
                .isInstanceOf(SecretException.class)
                .hasMessage("secret " + ARN + " holds 32 characters (expected 64 hex digits for a 256-bit AES key)");
    }

    @Test
    void nonHexIsRefusedWithoutEchoingIt() {
        String notHex = "zz0102030405060708090a0b0c0d0e0f";
        assertThatThrownBy(() -> StaticKeys.fromHex(ARN, notHex.getBytes(StandardCharsets.US_ASCII), 16))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("is not hex")
                .hasMessageNotContaining(notHex);
    }
}
