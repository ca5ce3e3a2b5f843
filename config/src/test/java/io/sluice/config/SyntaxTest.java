package io.sluice.config;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class SyntaxTest {

    @Property(tries = 300)
    void everyIpv6AddressIsAcceptedFullAndCompressed(@ForAll @Size(16) byte[] bytes, @ForAll @IntRange(max = 128) int prefix)
            throws UnknownHostException {
        String full = InetAddress.getByAddress(bytes).getHostAddress();   // 2001:db8:0:0:0:0:0:1, never compressed
        String compressed = full.replaceFirst("(^|:)(0(:|$)){2,}", "::");

        assertThat(Syntax.ipLiteral(full)).isNull();
        assertThat(Syntax.ipLiteral(compressed)).as(compressed).isNull();
        assertThat(Syntax.cidr(compressed + "/" + prefix)).isNull();
    }

    @Property(tries = 300)
    void everyIpv4AddressIsAccepted(@ForAll @Size(4) byte[] bytes, @ForAll @IntRange(max = 32) int prefix)
            throws UnknownHostException {
        String address = InetAddress.getByAddress(bytes).getHostAddress();

        assertThat(Syntax.ipLiteral(address)).isNull();
        assertThat(Syntax.cidr(address + "/" + prefix)).isNull();
        assertThat(Syntax.host(address)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", "1..3.4", "::1::", "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7", "12345::", "g::1", "::ffff:1.2.3", "1:2:3:4:5:6:7:8::", ":1:2:3:4:5:6:7", "127.0.0.1 "})
    void refusesWhatIsNotAnAddress(String text) {
        assertThat(Syntax.ipLiteral(text)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "::ffff:127.0.0.1", "64:ff9b::192.0.2.33", "fe80::1:2:3:4:5:6", "1:2:3:4:5:6:7::"})
    void acceptsTheUnusualButValidIpv6Forms(String text) {
        assertThat(Syntax.ipLiteral(text)).isNull();
    }

    @Test
    void cidrNeedsAPrefixInRange() {
        assertThat(Syntax.cidr("10.0.0.0/8")).isNull();
        assertThat(Syntax.cidr("10.0.0.0/")).contains("has prefix  (expected 0-32 for IPv4)");
        assertThat(Syntax.cidr("10.0.0.0/-1")).contains("expected 0-32");
        assertThat(Syntax.cidr("::/0")).isNull();
        assertThat(Syntax.cidr("::/0128")).contains("expected 0-128");
    }

    @Test
    void hostNamesFollowRfc1123() {
        assertThat(Syntax.host("receiver.example.net")).isNull();
        assertThat(Syntax.host("localhost")).isNull();
        assertThat(Syntax.host("-bad.example")).isNotNull();
        assertThat(Syntax.host("a".repeat(64) + ".example")).isNotNull();
        assertThat(Syntax.host("under_score.example")).isNotNull();
    }
}
