package io.sluice.gateway.source.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SrtAllowListTest {

    @Test
    void allowsInsideAndDeniesOutsideTheBlocks() throws Exception {
        SrtAllowList list = SrtAllowList.parse(List.of("127.0.0.0/24", "2001:db8::/32"), "Source.WhitelistCidr");
        assertThat(list.allows(InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("127.1.0.2"))).isFalse();
        assertThat(list.allows(InetAddress.getByName("::ffff:127.0.0.9"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("2001:db9::5"))).isFalse();
        assertThat(SrtAllowList.parse(null, "x").allows(InetAddress.getByName("10.1.2.3"))).isTrue();
    }

    @Test
    void badBlocksNameThePathAndWhatWasExpected() {
        assertThatThrownBy(() -> SrtAllowList.parse(List.of("10.0.0.0/33"), "Outputs[2].CidrAllowList"))
                .hasMessage("Outputs[2].CidrAllowList: \"10.0.0.0/33\" has prefix 33 (expected 0-32)");
        assertThatThrownBy(() -> SrtAllowList.parse(List.of("example.com/8"), "Source.WhitelistCidr"))
                .hasMessageContaining("is not a CIDR block");
    }

    @Test
    void keyLengthFollowsTheAlgorithm() {
        assertThat(SrtKeyLength.ofAlgorithm("aes128")).isEqualTo(16);
        assertThat(SrtKeyLength.ofAlgorithm("aes192")).isEqualTo(24);
        assertThat(SrtKeyLength.ofAlgorithm("aes256")).isEqualTo(32);
        assertThatThrownBy(() -> SrtKeyLength.ofAlgorithm("aes512")).hasMessageContaining("expected aes128, aes192 or aes256");
    }

    @Property(tries = 300)
    void ipv4MatchesANaiveMatcher(@ForAll int network, @ForAll @IntRange(min = 0, max = 32) int prefix,
                                  @ForAll int address) throws Exception {
        String cidr = InetAddress.getByAddress(bytes(network)).getHostAddress() + "/" + prefix;
        long mask = prefix == 0 ? 0 : (0xffff_ffffL << (32 - prefix)) & 0xffff_ffffL;
        boolean expected = ((address & 0xffff_ffffL) & mask) == ((network & 0xffff_ffffL) & mask);
        assertThat(SrtAllowList.parse(List.of(cidr), "x").allows(InetAddress.getByAddress(bytes(address))))
                .isEqualTo(expected);
    }

    private static byte[] bytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
