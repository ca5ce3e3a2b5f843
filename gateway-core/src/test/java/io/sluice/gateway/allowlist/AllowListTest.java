package io.sluice.gateway.allowlist;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowListTest {

    @Test
    void allowsTheLoopbackTestAddressAndDeniesTheOther() throws Exception {
        AllowList list = AllowList.parse("127.0.0.0/24");
        assertThat(list.allows(InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("127.1.0.2"))).isFalse();
        assertThat(list.allows(InetAddress.getByName("::ffff:127.0.0.2").getAddress())).isTrue();
        assertThat(list.allows(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void matchesIpv6Blocks() throws Exception {
        AllowList list = AllowList.parse("2001:db8::/32, ::1");
        assertThat(list.allows(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("2001:db9::1"))).isFalse();
        assertThat(list.allows(InetAddress.getByName("::1"))).isTrue();
        assertThat(list.allows(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void emptyOrBlankAllowsEveryoneAndZeroPrefixAllowsTheFamily() throws Exception {
        assertThat(AllowList.parse(null).allows(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(AllowList.parse(" ").allowsEveryone()).isTrue();
        AllowList any4 = AllowList.parse("0.0.0.0/0");
        assertThat(any4.allows(InetAddress.getByName("203.0.113.9"))).isTrue();
        assertThat(any4.allows(InetAddress.getByName("2001:db8::1"))).isFalse();
    }

    @Test
    void parseErrorsSayWhatWasExpected() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
                .hasMessage("\"10.0.0.0/33\" has prefix 33 (expected 0-32 for IPv4)");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::/129"))
                .hasMessageContaining("expected 0-128 for IPv6");
        assertThatThrownBy(() -> Cidr.parse("example.com/24"))
                .hasMessageContaining("is not a CIDR block");
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("::ffff:10.0.0.0/104")).hasToString("10.0.0.0/8");
    }

    @Test
    void senderFilterCachesTheVerdictPerSender() throws Exception {
        SenderFilter filter = new SenderFilter(AllowList.parse("127.0.0.0/24"));
        InetSocketAddress allowed = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 5000);
        InetSocketAddress denied = new InetSocketAddress(InetAddress.getByName("127.1.0.2"), 5000);
        assertThat(filter.allows(allowed)).isTrue();
        assertThat(filter.allows(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 5001))).isTrue();
        assertThat(filter.allows(denied)).isFalse();
        assertThat(filter.allows(allowed)).isTrue();
        assertThat(filter.allows(null)).isFalse();
    }

    @Property
    void ipv4AgreesWithANaiveMatcher(@ForAll int network, @ForAll @IntRange(min = 0, max = 32) int prefix,
                                     @ForAll int address) throws Exception {
        Cidr cidr = Cidr.parse(ipv4(network) + "/" + prefix);
        long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
        boolean naive = ((network & 0xFFFF_FFFFL) & mask) == ((address & 0xFFFF_FFFFL) & mask);
        assertThat(AllowList.of(cidr).allows(InetAddress.getByName(ipv4(address)))).isEqualTo(naive);
    }

    @Property
    void ipv6AgreesWithANaiveMatcher(@ForAll @Size(16) byte[] network, @ForAll @IntRange(min = 0, max = 128) int prefix,
                                     @ForAll @Size(16) byte[] address, @ForAll boolean sameNetwork) throws Exception {
        network[0] = (byte) 0x20;  // keep clear of IPv4-mapped space, which is matched as IPv4
        byte[] probe = sameNetwork ? network.clone() : address;
        if (sameNetwork) {
            probe[15] ^= address[15];
        }
        probe[0] = (byte) 0x20;
        Cidr cidr = new Cidr(network, prefix);
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).shiftRight(128 - prefix).shiftLeft(128 - prefix);
        boolean naive = new BigInteger(1, network).and(mask).equals(new BigInteger(1, probe).and(mask));
        assertThat(AllowList.of(cidr).allows(probe)).isEqualTo(naive);
    }

    private static String ipv4(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }
}
