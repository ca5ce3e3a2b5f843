package io.sluice.gateway.engine;

import io.sluice.config.FlowConfigs;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a multicast source's settings turn into, and the messages when this host cannot do them. */
class MulticastMembershipTest {

    @Test
    void aUnicastBindAddressJoinsNothing() throws Exception {
        assertThat(MulticastMembership.of("Source in", InetAddress.getByName("127.0.0.1"), null, null)).isNull();
        assertThat(MulticastMembership.of("Source in", null, null, null)).isNull();
    }

    @Test
    void multicastSettingsWithoutAGroupAreRefused() throws Exception {
        assertThatThrownBy(() -> MulticastMembership.of("Source in", InetAddress.getByName("127.0.0.1"), "lo", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Source in: MulticastInterface and MulticastSourceIp need a multicast group as the bind address");
    }

    @Test
    void anUnknownInterfaceIsNamedWithTheHostsInterfaces() {
        assertThatThrownBy(() -> MulticastMembership.of("Source in", InetAddress.getByName("239.1.1.1"), "nosuch0", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Source in: MulticastInterface \"nosuch0\" is not an interface of this host (interfaces: ")
                .hasMessageContaining("lo");
        assertThatThrownBy(() -> MulticastMembership.of("Source in", InetAddress.getByName("239.1.1.1"), "192.0.2.99", null))
                .hasMessageStartingWith("Source in: MulticastInterface \"192.0.2.99\" is not an address of an interface of this host");
    }

    @Test
    void aSourceSpecificSenderMustMatchTheGroupsFamily() {
        assertThatThrownBy(() -> MulticastMembership.of("Source in", InetAddress.getByName("232.1.1.1"), "lo", "2001:db8::1"))
                .hasMessage("Source in: MulticastSourceIp \"2001:db8::1\" is not a unicast IPv4 address like the group 232.1.1.1");
    }

    @Test
    void theGatewayRefusesAFlowItCannotJoinWithTheReason() {
        try (Gateway gateway = Gateway.builder().threads(1).build()) {
            var config = FlowConfigs.read("""
                    {"Name": "mc", "Source": {"Name": "in", "Protocol": "rtp", "IngestPort": 5000,
                      "SourceTags": {"sluice:BindAddress": "239.1.1.1", "sluice:MulticastInterface": "nosuch0"}},
                     "Outputs": []}""");
            assertThatThrownBy(() -> gateway.create(config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Source in: MulticastInterface \"nosuch0\" is not an interface of this host");
        }
    }
}
