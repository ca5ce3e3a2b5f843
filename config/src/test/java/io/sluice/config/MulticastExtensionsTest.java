package io.sluice.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Multicast settings (docs/flow-files.md): a source joins the group in its BindAddress, an output to a group sets TTL. */
class MulticastExtensionsTest {

    private static String flow(String source, String output) {
        return ("{'Name':'m','Source':{'Name':'in','Protocol':'rtp','IngestPort':5000" + source + "},"
                + "'Outputs':[{'Name':'out','Protocol':'udp','Destination':'239.1.2.3','Port':6000" + output + "}]}")
                .replace('\'', '"');
    }

    @Test
    void tagsAndTheMemberGiveEqualRecords() {
        FlowConfig tags = FlowConfigs.read(flow(
                ",'SourceTags':{'sluice:BindAddress':'232.1.1.1','sluice:MulticastInterface':'eth0','sluice:MulticastSourceIp':'192.0.2.7'}",
                ",'OutputTags':{'sluice:MulticastTtl':'4','sluice:MulticastLoopback':'false','sluice:MulticastInterface':'10.0.0.5'}"));
        FlowConfig member = FlowConfigs.read(flow(
                ",'SluiceExtensions':{'BindAddress':'232.1.1.1','MulticastInterface':'eth0','MulticastSourceIp':'192.0.2.7'}",
                ",'SluiceExtensions':{'MulticastTtl':4,'MulticastLoopback':false,'MulticastInterface':'10.0.0.5'}"));

        assertThat(tags).isEqualTo(member);
        SluiceExtensionsConfig in = tags.source().sluiceExtensions();
        assertThat(in.bindAddress()).isEqualTo("232.1.1.1");
        assertThat(in.multicastInterface()).isEqualTo("eth0");
        assertThat(in.multicastSourceIp()).isEqualTo("192.0.2.7");
        SluiceExtensionsConfig out = tags.outputs().getFirst().sluiceExtensions();
        assertThat(out.multicastTtl()).isEqualTo(4);
        assertThat(out.multicastLoopback()).isFalse();
    }

    @Test
    void writtenInEitherSpellingItReadsBackEqual() {
        FlowConfig flow = FlowConfigs.read(flow(",'SluiceExtensions':{'BindAddress':'ff3e::1234','MulticastSourceIp':'2001:db8::7'}",
                ",'SluiceExtensions':{'MulticastTtl':0,'MulticastLoopback':true}"));

        for (Spelling spelling : Spelling.values()) {
            String json = FlowConfigs.write(flow, spelling);
            assertThat(json).contains("sluice:MulticastTtl");
            assertThat(FlowConfigs.read(json)).as(spelling.name()).isEqualTo(flow);
        }
    }

    @Test
    void reportsWhatDoesNotFitWithItsPath() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> FlowConfigs.read(flow(
                ",'SourceTags':{'sluice:BindAddress':'10.0.0.1','sluice:MulticastSourceIp':'192.0.2.7','sluice:MulticastTtl':'3'}",
                ",'OutputTags':{'sluice:MulticastTtl':'300','sluice:MulticastLoopback':'yes','sluice:MulticastSourceIp':'192.0.2.7'}")));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                "Source.SourceTags.\"sluice:MulticastTtl\": applies to rtp, udp and rtp-fec outputs (a source does not send) only: remove it",
                "Source.SourceTags.\"sluice:MulticastSourceIp\": applies to a source whose BindAddress is a multicast group"
                        + " (224.0.0.0/4 or ff00::/8) only: remove it, or give the group in BindAddress",
                "Outputs[0].OutputTags.\"sluice:MulticastLoopback\": \"yes\" is not a valid MulticastLoopback (expected \"true\" or \"false\")",
                "Outputs[0].OutputTags.\"sluice:MulticastSourceIp\": applies to rtp, udp and rtp-fec sources (an output sends) only: remove it",
                "Outputs[0].OutputTags.\"sluice:MulticastTtl\": 300 is out of range 0-255");
    }

    @Test
    void aSourceSpecificSenderMustBeUnicastAndOfTheGroupsFamily() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> FlowConfigs.read(flow(
                ",'SluiceExtensions':{'BindAddress':'ff3e::1','MulticastSourceIp':'192.0.2.7','MulticastInterface':'not an interface'}", "")));
        ConfigException multicastSender = catchThrowableOfType(ConfigException.class, () -> FlowConfigs.read(flow(
                ",'SluiceExtensions':{'BindAddress':'232.1.1.1','MulticastSourceIp':'232.1.1.2'}", "")));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                "Source.SluiceExtensions.MulticastInterface: \"not an interface\" is neither an interface name"
                        + " (1-15 of A-Z a-z 0-9 _ . - @ :) nor an IP address",
                "Source.SluiceExtensions.MulticastSourceIp: \"192.0.2.7\" is IPv4 but the group \"ff3e::1\" is not"
                        + " (expected the same family)");
        assertThat(multicastSender.errors()).extracting(ConfigError::toString).containsExactly(
                "Source.SluiceExtensions.MulticastSourceIp: \"232.1.1.2\" is a multicast address (expected the unicast"
                        + " address of the sender)");
    }

    @Test
    void outputSettingsNeedAMulticastDestinationAndAnRtpFamilyProtocol() {
        String unicast = "{'Name':'m','Source':{'Protocol':'rtp','IngestPort':5000},'Outputs':["
                + "{'Name':'a','Protocol':'rtp','Destination':'192.0.2.1','Port':6000,'OutputTags':{'sluice:MulticastTtl':'8'}},"
                + "{'Name':'b','Protocol':'srt-caller','Destination':'239.1.1.1','Port':7000,'OutputTags':{'sluice:MulticastTtl':'8'}},"
                + "{'Name':'c','Protocol':'rtp-fec','Destination':'stream.example.com','Port':8000,'OutputTags':{'sluice:MulticastTtl':'8'}}]}";
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> FlowConfigs.read(unicast.replace('\'', '"')));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "Outputs[0].OutputTags.\"sluice:MulticastTtl\": applies to a multicast Destination (224.0.0.0/4 or ff00::/8) only: remove it",
                "Outputs[1].OutputTags.\"sluice:MulticastTtl\": applies to rtp, udp and rtp-fec outputs only: remove it");
    }

    @Test
    void multicastLiteralsAreRecognised() {
        assertThat(Syntax.isMulticast("224.0.0.1")).isTrue();
        assertThat(Syntax.isMulticast("239.255.255.255")).isTrue();
        assertThat(Syntax.isMulticast("240.0.0.1")).isFalse();
        assertThat(Syntax.isMulticast("223.255.255.255")).isFalse();
        assertThat(Syntax.isMulticast("ff02::1")).isTrue();
        assertThat(Syntax.isMulticast("FF3E::8000:1")).isTrue();
        assertThat(Syntax.isMulticast("ff::1")).as("0x00ff").isFalse();
        assertThat(Syntax.isMulticast("::ffff:239.1.1.1")).isFalse();
        assertThat(Syntax.isMulticast("fe80::1")).isFalse();
    }
}
