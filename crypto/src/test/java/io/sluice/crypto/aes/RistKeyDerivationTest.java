package io.sluice.crypto.aes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RistKeyDerivationTest {
    private static final byte[] PASSPHRASE = "Reliable Internet Stream Transport".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheTr06_2TestVectorFor128Bits() {
        assertThat(HexFormat.of().formatHex(RistKeyDerivation.deriveKey(PASSPHRASE, 0x52495354, 128)))
                .isEqualTo("1c2b0cfc90ae2638fea78c7fb2977047");
    }

    @Test
    void matchesTheTr06_2TestVectorFor256Bits() {
        assertThat(HexFormat.of().formatHex(RistKeyDerivation.deriveKey(PASSPHRASE, 0x52495354, 256)))
                .isEqualTo("1c2b0cfc90ae2638fea78c7fb297704718bff7f4052743001a9b7ebb51cc9f1c");
    }

    @Test
    void rejectsOtherKeySizesAndEmptyPassphrases() {
        assertThatThrownBy(() -> RistKeyDerivation.deriveKey(PASSPHRASE, 1, 192)).hasMessageContaining("expected 128 or 256");
        assertThatThrownBy(() -> RistKeyDerivation.deriveKey(new byte[0], 1, 128)).hasMessageContaining("empty");
    }
}
