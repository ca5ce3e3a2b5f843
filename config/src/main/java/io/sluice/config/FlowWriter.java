package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Records back to a CreateFlow document in either spelling; absent values and empty lists are left out. Also the
 * building block of {@link FlowDescriptions} for the response layout.
 */
public final class FlowWriter {
    private final Spelling spelling;
    private final boolean extensionsAsTags;

    /** Writes Sluice extensions in the {@code SluiceExtensions} member (the layout API responses and updates use). */
    public FlowWriter(Spelling spelling) {
        this(spelling, false);
    }

    /**
     * @param extensionsAsTags true: Sluice extensions as {@code sluice:} keys of {@code SourceTags}/{@code OutputTags},
     *                         so the document passes the AWS SDK and CLI unchanged (see {@link SluiceTags})
     */
    public FlowWriter(Spelling spelling, boolean extensionsAsTags) {
        this.spelling = spelling;
        this.extensionsAsTags = extensionsAsTags;
    }

    /** {@code sdkName} in this writer's spelling. */
    public String spellingName(String sdkName) {
        return spelling.name(sdkName);
    }

    public ObjectNode flow(FlowConfig f) {
        ObjectNode n = object();
        put(n, "Name", f.name());
        put(n, "AvailabilityZone", f.availabilityZone());
        if (f.sourceMember() == SourceMember.SOURCE && f.sources().size() == 1) {
            n.set(spelling.name("Source"), source(f.sources().getFirst()));
        } else {
            list(n, "Sources", f.sources(), (w, s) -> w.source(s));
        }
        if (f.sourceFailoverConfig() != null) {
            FailoverConfig c = f.sourceFailoverConfig();
            ObjectNode failover = object();
            put(failover, "FailoverMode", c.failoverMode());
            put(failover, "RecoveryWindow", c.recoveryWindow());
            if (c.sourcePriority() != null) {
                ObjectNode priority = object();
                put(priority, "PrimarySource", c.sourcePriority().primarySource());
                failover.set(spelling.name("SourcePriority"), priority);
            }
            put(failover, "State", c.state());
            n.set(spelling.name("SourceFailoverConfig"), failover);
        }
        list(n, "Outputs", f.outputs(), (w, o) -> w.output(o));
        list(n, "Entitlements", f.entitlements(), (w, e) -> w.entitlement(e));
        list(n, "MediaStreams", f.mediaStreams(), (w, m) -> w.mediaStream(m));
        list(n, "VpcInterfaces", f.vpcInterfaces(), (w, v) -> w.vpcInterface(v));
        if (f.maintenance() != null) {
            ObjectNode maintenance = object();
            put(maintenance, "MaintenanceDay", f.maintenance().maintenanceDay());
            put(maintenance, "MaintenanceStartHour", f.maintenance().maintenanceStartHour());
            n.set(spelling.name("Maintenance"), maintenance);
        }
        put(n, "FlowSize", f.flowSize());
        map(n, "FlowTags", f.flowTags());
        return n;
    }

    public ObjectNode source(SourceConfig s) {
        ObjectNode n = object();
        put(n, "Name", s.name());
        put(n, "Description", s.description());
        put(n, "Protocol", s.protocol());
        put(n, "IngestPort", s.ingestPort());
        put(n, "WhitelistCidr", s.whitelistCidr());
        put(n, "MaxBitrate", s.maxBitrate());
        put(n, "MaxLatency", s.maxLatency());
        put(n, "MinLatency", s.minLatency());
        put(n, "StreamId", s.streamId());
        put(n, "SourceListenerAddress", s.sourceListenerAddress());
        put(n, "SourceListenerPort", s.sourceListenerPort());
        if (s.decryption() != null) {
            n.set(spelling.name("Decryption"), encryption(s.decryption()));
        }
        put(n, "EntitlementArn", s.entitlementArn());
        put(n, "MaxSyncBuffer", s.maxSyncBuffer());
        list(n, "MediaStreamSourceConfigurations", s.mediaStreamSourceConfigurations(), (w, c) -> {
            ObjectNode m = w.object();
            w.put(m, "EncodingName", c.encodingName());
            w.list(m, "InputConfigurations", c.inputConfigurations(), (w2, i) -> {
                ObjectNode in = w2.object();
                w2.put(in, "InputPort", i.inputPort());
                w2.interfaceName(in, i.interfaceName());
                return in;
            });
            w.put(m, "MediaStreamName", c.mediaStreamName());
            return m;
        });
        put(n, "SenderControlPort", s.senderControlPort());
        put(n, "SenderIpAddress", s.senderIpAddress());
        put(n, "VpcInterfaceName", s.vpcInterfaceName());
        tagsAndExtensions(n, "SourceTags", s.sourceTags(), s.sluiceExtensions());
        return n;
    }

    public ObjectNode output(OutputConfig o) {
        ObjectNode n = object();
        put(n, "Name", o.name());
        put(n, "Description", o.description());
        put(n, "Protocol", o.protocol());
        put(n, "Destination", o.destination());
        put(n, "Port", o.port());
        strings(n, "CidrAllowList", o.cidrAllowList());
        put(n, "MaxLatency", o.maxLatency());
        put(n, "MinLatency", o.minLatency());
        put(n, "SmoothingLatency", o.smoothingLatency());
        put(n, "StreamId", o.streamId());
        if (o.encryption() != null) {
            n.set(spelling.name("Encryption"), encryption(o.encryption()));
        }
        list(n, "MediaStreamOutputConfigurations", o.mediaStreamOutputConfigurations(), (w, c) -> {
            ObjectNode m = w.object();
            w.list(m, "DestinationConfigurations", c.destinationConfigurations(), (w2, d) -> {
                ObjectNode dn = w2.object();
                w2.put(dn, "DestinationIp", d.destinationIp());
                w2.put(dn, "DestinationPort", d.destinationPort());
                w2.interfaceName(dn, d.interfaceName());
                return dn;
            });
            w.put(m, "EncodingName", c.encodingName());
            if (c.encodingParameters() != null) {
                ObjectNode p = w.object();
                if (c.encodingParameters().compressionFactor() != null) {
                    p.put(w.spelling.name("CompressionFactor"), c.encodingParameters().compressionFactor());
                }
                w.put(p, "EncoderProfile", c.encodingParameters().encoderProfile());
                m.set(w.spelling.name("EncodingParameters"), p);
            }
            w.put(m, "MediaStreamName", c.mediaStreamName());
            return m;
        });
        put(n, "RemoteId", o.remoteId());
        put(n, "SenderControlPort", o.senderControlPort());
        if (o.vpcInterfaceAttachment() != null) {
            ObjectNode a = object();
            put(a, "VpcInterfaceName", o.vpcInterfaceAttachment().vpcInterfaceName());
            n.set(spelling.name("VpcInterfaceAttachment"), a);
        }
        put(n, "OutputStatus", o.outputStatus());
        tagsAndExtensions(n, "OutputTags", o.outputTags(), o.sluiceExtensions());
        return n;
    }

    public ObjectNode encryption(EncryptionConfig e) {
        ObjectNode n = object();
        put(n, "Algorithm", e.algorithm());
        put(n, "ConstantInitializationVector", e.constantInitializationVector());
        put(n, "DeviceId", e.deviceId());
        put(n, "KeyType", e.keyType());
        put(n, "Region", e.region());
        put(n, "ResourceId", e.resourceId());
        put(n, "RoleArn", e.roleArn());
        put(n, "SecretArn", e.secretArn());
        put(n, "Url", e.url());
        return n;
    }

    public ObjectNode entitlement(EntitlementConfig e) {
        ObjectNode n = object();
        put(n, "DataTransferSubscriberFeePercent", e.dataTransferSubscriberFeePercent());
        put(n, "Description", e.description());
        if (e.encryption() != null) {
            n.set(spelling.name("Encryption"), encryption(e.encryption()));
        }
        put(n, "EntitlementStatus", e.entitlementStatus());
        put(n, "Name", e.name());
        strings(n, "Subscribers", e.subscribers());
        map(n, "EntitlementTags", e.entitlementTags());
        return n;
    }

    public ObjectNode mediaStream(MediaStreamConfig m) {
        ObjectNode n = object();
        if (m.attributes() != null) {
            ObjectNode a = object();
            FmtpConfig f = m.attributes().fmtp();
            if (f != null) {
                ObjectNode fn = object();
                put(fn, "ChannelOrder", f.channelOrder());
                put(fn, "Colorimetry", f.colorimetry());
                put(fn, "ExactFramerate", f.exactFramerate());
                put(fn, "Par", f.par());
                put(fn, "Range", f.range());
                put(fn, "ScanMode", f.scanMode());
                put(fn, "Tcs", f.tcs());
                a.set(spelling.name("Fmtp"), fn);
            }
            put(a, "Lang", m.attributes().lang());
            n.set(spelling.name("Attributes"), a);
        }
        put(n, "ClockRate", m.clockRate());
        put(n, "Description", m.description());
        put(n, "MediaStreamId", m.mediaStreamId());
        put(n, "MediaStreamName", m.mediaStreamName());
        put(n, "MediaStreamType", m.mediaStreamType());
        put(n, "VideoFormat", m.videoFormat());
        return n;
    }

    public ObjectNode vpcInterface(VpcInterfaceConfig v) {
        ObjectNode n = object();
        put(n, "Name", v.name());
        put(n, "NetworkInterfaceType", v.networkInterfaceType());
        put(n, "RoleArn", v.roleArn());
        strings(n, "SecurityGroupIds", v.securityGroupIds());
        put(n, "SubnetId", v.subnetId());
        return n;
    }

    private void tagsAndExtensions(ObjectNode parent, String tagsMember, Map<String, String> tags, SluiceExtensionsConfig x) {
        if (extensionsAsTags) {
            map(parent, tagsMember, SluiceTags.write(x, tags));
        } else {
            map(parent, tagsMember, tags);
            extensions(parent, x);
        }
    }

    private void extensions(ObjectNode parent, SluiceExtensionsConfig x) {
        if (x.isEmpty()) {
            return;
        }
        ObjectNode n = object();
        put(n, "BindAddress", x.bindAddress());
        put(n, "RistProfile", x.ristProfile());
        put(n, "SrpUsername", x.srpUsername());
        put(n, "SrpPasswordSecretArn", x.srpPasswordSecretArn());
        put(n, "FecColumns", x.fecColumns());
        put(n, "FecRows", x.fecRows());
        put(n, "FecMode", x.fecMode());
        put(n, "MulticastInterface", x.multicastInterface());
        put(n, "MulticastSourceIp", x.multicastSourceIp());
        put(n, "MulticastTtl", x.multicastTtl());
        put(n, "MulticastLoopback", x.multicastLoopback());
        parent.set(spelling.name("SluiceExtensions"), n);
    }

    private void interfaceName(ObjectNode parent, String name) {
        if (name != null) {
            ObjectNode n = object();
            n.put(spelling.name("Name"), name);
            parent.set(spelling.name("Interface"), n);
        }
    }

    ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    void put(ObjectNode n, String sdkName, String value) {
        if (value != null) {
            n.put(spelling.name(sdkName), value);
        }
    }

    void put(ObjectNode n, String sdkName, Integer value) {
        if (value != null) {
            n.put(spelling.name(sdkName), value);
        }
    }

    void put(ObjectNode n, String sdkName, Boolean value) {
        if (value != null) {
            n.put(spelling.name(sdkName), value);
        }
    }

    void put(ObjectNode n, String sdkName, WireEnum value) {
        if (value != null) {
            n.put(spelling.name(sdkName), value.wireValue());
        }
    }

    void strings(ObjectNode n, String sdkName, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = n.putArray(spelling.name(sdkName));
            values.forEach(array::add);
        }
    }

    void map(ObjectNode n, String sdkName, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode object = n.putObject(spelling.name(sdkName));
            values.forEach(object::put);
        }
    }

    <T> void list(ObjectNode n, String sdkName, List<T> values, BiFunction<FlowWriter, T, JsonNode> writer) {
        if (!values.isEmpty()) {
            ArrayNode array = n.putArray(spelling.name(sdkName));
            for (T value : values) {
                array.add(writer.apply(this, value));
            }
        }
    }
}
