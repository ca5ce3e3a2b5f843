package io.sluice.config;

import java.util.List;

/**
 * Turns the members of a CreateFlow document into records, exactly as written (no defaults, no cross-checks):
 * JSON types and enum values are checked here, every other rule in {@link FlowValidator}.
 */
final class FlowReader {
    private static final String NOT_SUPPORTED = " is a newer MediaConnect member that Sluice does not support";
    private static final String RESPONSE_ONLY = "is a member of MediaConnect's response (read-only); a CreateFlow document does not set it";

    private FlowReader() {
    }

    static FlowConfig flow(JsonMembers m) {
        String name = m.string("Name");
        String availabilityZone = m.string("AvailabilityZone");
        // Neither given: report the missing source as "Source", the common case.
        boolean single = m.has("Source") || !m.has("Sources");
        if (single && m.has("Sources")) {
            m.problems().add(m.pathOf("Sources"), "give either Source (one source) or Sources (one or two sources), not both");
        }
        List<SourceConfig> sources;
        if (single) {
            SourceConfig source = m.object("Source", FlowReader::source);
            m.take("Sources");
            sources = source == null ? List.of() : List.of(source);
        } else {
            sources = m.objects("Sources", FlowReader::source);
            m.take("Source");
        }
        FailoverConfig failover = m.object("SourceFailoverConfig", FlowReader::failover);
        List<OutputConfig> outputs = m.objects("Outputs", FlowReader::output);
        List<EntitlementConfig> entitlements = m.objects("Entitlements", FlowReader::entitlement);
        List<MediaStreamConfig> mediaStreams = m.objects("MediaStreams", FlowReader::mediaStream);
        List<VpcInterfaceConfig> vpcInterfaces = m.objects("VpcInterfaces", FlowReader::vpcInterface);
        MaintenanceConfig maintenance = m.object("Maintenance", FlowReader::maintenance);
        FlowSize flowSize = m.enumeration("FlowSize", FlowSize.class);
        var flowTags = m.stringMap("FlowTags");
        m.refuse("SourceMonitoringConfig", "SourceMonitoringConfig" + NOT_SUPPORTED
                + " (thumbnails and content-quality analysis are not built; Sluice reports TR 101 290 counters in /metrics)");
        m.refuse("NdiConfig", "NdiConfig" + NOT_SUPPORTED + " (NDI needs the proprietary NDI SDK)");
        m.refuse("EncodingConfig", "EncodingConfig" + NOT_SUPPORTED + " (Sluice does not transcode)");
        for (String member : List.of("FlowArn", "Status", "EgressIp", "Description")) {
            m.refuse(member, member + " " + RESPONSE_ONLY);
        }
        return new FlowConfig(name, availabilityZone, sources, failover, outputs, entitlements, mediaStreams,
                vpcInterfaces, maintenance, flowSize, flowTags, single ? SourceMember.SOURCE : SourceMember.SOURCES);
    }

    static SourceConfig source(JsonMembers m) {
        SluiceTags.Folded tags = SluiceTags.read(m, "SourceTags", FlowReader::extensions);
        SourceConfig source = new SourceConfig(
                m.string("Name"),
                m.string("Description"),
                m.enumeration("Protocol", Protocol.class),
                m.integer("IngestPort"),
                m.string("WhitelistCidr"),
                m.integer("MaxBitrate"),
                m.integer("MaxLatency"),
                m.integer("MinLatency"),
                m.string("StreamId"),
                m.string("SourceListenerAddress"),
                m.integer("SourceListenerPort"),
                m.object("Decryption", FlowReader::encryption),
                m.string("EntitlementArn"),
                m.integer("MaxSyncBuffer"),
                m.objects("MediaStreamSourceConfigurations", FlowReader::mediaStreamSource),
                m.integer("SenderControlPort"),
                m.string("SenderIpAddress"),
                m.string("VpcInterfaceName"),
                tags.tags(),
                tags.extensions());
        m.refuse("GatewayBridgeSource", "GatewayBridgeSource" + NOT_SUPPORTED + " (there is no MediaConnect Gateway bridge here)");
        m.refuse("NdiSourceSettings", "NdiSourceSettings" + NOT_SUPPORTED + " (NDI needs the proprietary NDI SDK)");
        m.refuse("RouterIntegrationState", "RouterIntegrationState" + NOT_SUPPORTED + " (there is no MediaConnect Router here)");
        m.refuse("RouterIntegrationTransitDecryption", "RouterIntegrationTransitDecryption" + NOT_SUPPORTED + " (there is no MediaConnect Router here)");
        for (String member : List.of("SourceArn", "IngestIp", "Transport", "DataTransferSubscriberFeePercent", "PeerIpAddress")) {
            m.refuse(member, member + " " + RESPONSE_ONLY);
        }
        return source;
    }

    static OutputConfig output(JsonMembers m) {
        SluiceTags.Folded tags = SluiceTags.read(m, "OutputTags", FlowReader::extensions);
        OutputConfig output = new OutputConfig(
                m.string("Name"),
                m.string("Description"),
                m.enumeration("Protocol", Protocol.class),
                m.string("Destination"),
                m.integer("Port"),
                m.strings("CidrAllowList"),
                m.integer("MaxLatency"),
                m.integer("MinLatency"),
                m.integer("SmoothingLatency"),
                m.string("StreamId"),
                m.object("Encryption", FlowReader::encryption),
                m.objects("MediaStreamOutputConfigurations", FlowReader::mediaStreamOutput),
                m.string("RemoteId"),
                m.integer("SenderControlPort"),
                m.object("VpcInterfaceAttachment", a -> new VpcInterfaceAttachmentConfig(a.string("VpcInterfaceName"))),
                m.enumeration("OutputStatus", OutputStatus.class),
                tags.tags(),
                tags.extensions());
        m.refuse("NdiSpeedHqQuality", "NdiSpeedHqQuality" + NOT_SUPPORTED + " (NDI needs the proprietary NDI SDK)");
        m.refuse("NdiProgramName", "NdiProgramName" + NOT_SUPPORTED + " (NDI needs the proprietary NDI SDK)");
        m.refuse("NdiOutputTimecodeSource", "NdiOutputTimecodeSource" + NOT_SUPPORTED + " (NDI needs the proprietary NDI SDK)");
        m.refuse("RouterIntegrationState", "RouterIntegrationState" + NOT_SUPPORTED + " (there is no MediaConnect Router here)");
        m.refuse("RouterIntegrationTransitEncryption", "RouterIntegrationTransitEncryption" + NOT_SUPPORTED + " (there is no MediaConnect Router here)");
        for (String member : List.of("OutputArn", "ListenerAddress", "Transport", "EntitlementArn", "MediaLiveInputArn",
                "DataTransferSubscriberFeePercent", "BridgeArn", "BridgePorts", "PeerIpAddress")) {
            m.refuse(member, member + " " + RESPONSE_ONLY);
        }
        return output;
    }

    static EncryptionConfig encryption(JsonMembers m) {
        return new EncryptionConfig(
                m.enumeration("Algorithm", Algorithm.class),
                m.enumeration("KeyType", KeyType.class),
                m.string("SecretArn"),
                m.string("RoleArn"),
                m.string("ConstantInitializationVector"),
                m.string("DeviceId"),
                m.string("Region"),
                m.string("ResourceId"),
                m.string("Url"));
    }

    static FailoverConfig failover(JsonMembers m) {
        return new FailoverConfig(
                m.enumeration("FailoverMode", FailoverMode.class),
                m.integer("RecoveryWindow"),
                m.object("SourcePriority", p -> new SourcePriority(p.string("PrimarySource"))),
                m.enumeration("State", State.class));
    }

    static EntitlementConfig entitlement(JsonMembers m) {
        EntitlementConfig entitlement = new EntitlementConfig(
                m.string("Name"),
                m.string("Description"),
                m.strings("Subscribers"),
                m.integer("DataTransferSubscriberFeePercent"),
                m.object("Encryption", FlowReader::encryption),
                m.enumeration("EntitlementStatus", EntitlementStatus.class),
                m.stringMap("EntitlementTags"));
        m.refuse("EntitlementArn", "EntitlementArn " + RESPONSE_ONLY);
        return entitlement;
    }

    static MediaStreamConfig mediaStream(JsonMembers m) {
        MediaStreamConfig stream = new MediaStreamConfig(
                m.integer("MediaStreamId"),
                m.string("MediaStreamName"),
                m.enumeration("MediaStreamType", MediaStreamType.class),
                m.integer("ClockRate"),
                m.string("Description"),
                m.string("VideoFormat"),
                m.object("Attributes", a -> new MediaStreamAttributesConfig(a.object("Fmtp", FlowReader::fmtp), a.string("Lang"))));
        m.refuse("Fmt", "Fmt " + RESPONSE_ONLY);
        m.refuse("MediaStreamTags", "MediaStreamTags" + NOT_SUPPORTED + " (tag the flow with FlowTags)");
        return stream;
    }

    static FmtpConfig fmtp(JsonMembers m) {
        return new FmtpConfig(
                m.string("ChannelOrder"),
                m.enumeration("Colorimetry", Colorimetry.class),
                m.string("ExactFramerate"),
                m.string("Par"),
                m.enumeration("Range", Range.class),
                m.enumeration("ScanMode", ScanMode.class),
                m.enumeration("Tcs", Tcs.class));
    }

    static MediaStreamSourceConfig mediaStreamSource(JsonMembers m) {
        return new MediaStreamSourceConfig(
                m.enumeration("EncodingName", EncodingName.class),
                m.objects("InputConfigurations", i -> new InputConfig(i.integer("InputPort"), i.object("Interface", FlowReader::interfaceName))),
                m.string("MediaStreamName"));
    }

    static MediaStreamOutputConfig mediaStreamOutput(JsonMembers m) {
        return new MediaStreamOutputConfig(
                m.objects("DestinationConfigurations", d -> new DestinationConfig(
                        d.string("DestinationIp"), d.integer("DestinationPort"), d.object("Interface", FlowReader::interfaceName))),
                m.enumeration("EncodingName", EncodingName.class),
                m.object("EncodingParameters", p -> new EncodingParametersConfig(
                        p.decimal("CompressionFactor"), p.enumeration("EncoderProfile", EncoderProfile.class))),
                m.string("MediaStreamName"));
    }

    private static String interfaceName(JsonMembers m) {
        return m.string("Name");
    }

    static VpcInterfaceConfig vpcInterface(JsonMembers m) {
        VpcInterfaceConfig vpcInterface = new VpcInterfaceConfig(
                m.string("Name"),
                m.enumeration("NetworkInterfaceType", NetworkInterfaceType.class),
                m.string("RoleArn"),
                m.strings("SecurityGroupIds"),
                m.string("SubnetId"));
        m.refuse("VpcInterfaceTags", "VpcInterfaceTags" + NOT_SUPPORTED + " (tag the flow with FlowTags)");
        m.refuse("NetworkInterfaceIds", "NetworkInterfaceIds " + RESPONSE_ONLY);
        return vpcInterface;
    }

    static MaintenanceConfig maintenance(JsonMembers m) {
        MaintenanceConfig maintenance = new MaintenanceConfig(
                m.enumeration("MaintenanceDay", MaintenanceDay.class),
                m.string("MaintenanceStartHour"));
        m.refuse("MaintenanceDeadline", "MaintenanceDeadline " + RESPONSE_ONLY);
        m.refuse("MaintenanceScheduledDate", "MaintenanceScheduledDate is set with UpdateFlow, not in a CreateFlow document");
        return maintenance;
    }

    static SluiceExtensionsConfig extensions(JsonMembers m) {
        return new SluiceExtensionsConfig(
                m.string("BindAddress"),
                m.enumeration("RistProfile", RistProfile.class),
                m.string("SrpUsername"),
                m.string("SrpPasswordSecretArn"),
                m.integer("FecColumns"),
                m.integer("FecRows"),
                m.enumeration("FecMode", FecMode.class),
                m.string("MulticastInterface"),
                m.string("MulticastSourceIp"),
                m.integer("MulticastTtl"),
                m.bool("MulticastLoopback"));
    }
}
