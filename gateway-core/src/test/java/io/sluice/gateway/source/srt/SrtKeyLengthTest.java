package io.sluice.gateway.source.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SrtKeyLengthTest {

    @Test
    void keyLengthFollowsTheAlgorithm() {
        assertThat(SrtKeyLength.ofAlgorithm("aes128")).isEqualTo(16);
        assertThat(SrtKeyLength.ofAlgorithm("aes192")).isEqualTo(24);
        assertThat(SrtKeyLength.ofAlgorithm("aes256")).isEqualTo(32);
        assertThat(SrtKeyLength.ofAlgorithm(null)).isEqualTo(16);
        assertThatThrownBy(() -> SrtKeyLength.ofAlgorithm("aes512")).hasMessageContaining("expected aes128, aes192 or aes256");
    }
}
