package io.sluice.protocols.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SrtSettingsTest {

    @Test
    void neverPrintsThePassphrase() {
        SrtSettings settings = SrtSettings.defaults().withPassphrase("super-secret-42".getBytes(StandardCharsets.US_ASCII), 24);
        assertThat(settings.toString()).doesNotContain("super-secret-42").contains("encrypted=true");
        assertThat(settings.encrypted()).isTrue();
    }

    @Test
    void refusesValuesLibsrtWouldRefuseWithTheExpectedRange() {
        assertThatThrownBy(() -> SrtSettings.defaults().withPassphrase("short".getBytes(StandardCharsets.US_ASCII), 16))
                .hasMessage("SRT passphrase has 5 characters (expected 10 to 79)");
        assertThatThrownBy(() -> SrtSettings.defaults().withPassphrase("0123456789".getBytes(StandardCharsets.US_ASCII), 20))
                .hasMessage("SRT key length 20 bytes (expected 16, 24 or 32)");
        assertThatThrownBy(() -> SrtSettings.defaults().withLatencyMs(-1)).hasMessageContaining("expected 0 or more");
    }

    @Test
    void rtpTimestampIsNinetyKilohertzWithoutOverflow() {
        assertThat(SrtMessageReader.rtpTimestamp(1_000_000_000L)).isEqualTo(90_000);
        assertThat(SrtMessageReader.rtpTimestamp(Long.MAX_VALUE)).isBetween(0L, 0xffff_ffffL);
    }
}
