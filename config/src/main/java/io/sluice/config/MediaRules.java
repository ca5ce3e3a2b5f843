package io.sluice.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules for media streams, VPC interfaces (and the references to both) and the maintenance window. */
final class MediaRules {
    private static final Set<Integer> CLOCK_RATES_HZ = Set.of(48000, 90000, 96000);

    private MediaRules() {
    }

    static void validate(FlowConfig flow, Problems p) {
        Set<String> streams = mediaStreams(flow.mediaStreams(), p);
        Set<String> interfaces = vpcInterfaces(flow.vpcInterfaces(), p);
        for (int i = 0; i < flow.sources().size(); i++) {
            SourceConfig s = flow.sources().get(i);
            String path = FlowValidator.sourcePath(flow, i, p);
            reference(interfaces, s.vpcInterfaceName(), p.member(path, "VpcInterfaceName"), "VPC interface", "VpcInterfaces", p);
            List<MediaStreamSourceConfig> configs = s.mediaStreamSourceConfigurations();
            for (int j = 0; j < configs.size(); j++) {
                String configPath = p.element(path, "MediaStreamSourceConfigurations", j);
                MediaStreamSourceConfig c = configs.get(j);
                required(c.encodingName(), p.member(configPath, "EncodingName"), p);
                streamReference(streams, c.mediaStreamName(), p.member(configPath, "MediaStreamName"), p);
                for (int k = 0; k < c.inputConfigurations().size(); k++) {
                    InputConfig input = c.inputConfigurations().get(k);
                    String inputPath = p.element(configPath, "InputConfigurations", k);
                    required(input.inputPort(), p.member(inputPath, "InputPort"), p);
                    Ranges.port(p, p.member(inputPath, "InputPort"), input.inputPort(), null);
                    interfaceReference(interfaces, input.interfaceName(), p.member(inputPath, "Interface"), p);
                }
            }
        }
        for (int i = 0; i < flow.outputs().size(); i++) {
            OutputConfig o = flow.outputs().get(i);
            String path = p.element("", "Outputs", i);
            if (o.vpcInterfaceAttachment() != null) {
                String attachment = p.member(path, "VpcInterfaceAttachment");
                if (o.vpcInterfaceAttachment().vpcInterfaceName() == null) {
                    p.add(p.member(attachment, "VpcInterfaceName"), "is required (the name of a VPC interface of this flow)");
                }
                reference(interfaces, o.vpcInterfaceAttachment().vpcInterfaceName(), p.member(attachment, "VpcInterfaceName"),
                        "VPC interface", "VpcInterfaces", p);
            }
            List<MediaStreamOutputConfig> configs = o.mediaStreamOutputConfigurations();
            for (int j = 0; j < configs.size(); j++) {
                String configPath = p.element(path, "MediaStreamOutputConfigurations", j);
                MediaStreamOutputConfig c = configs.get(j);
                required(c.encodingName(), p.member(configPath, "EncodingName"), p);
                streamReference(streams, c.mediaStreamName(), p.member(configPath, "MediaStreamName"), p);
                if (c.encodingParameters() != null) {
                    String parameters = p.member(configPath, "EncodingParameters");
                    Double factor = c.encodingParameters().compressionFactor();
                    required(factor, p.member(parameters, "CompressionFactor"), p);
                    if (factor != null && (factor < 3.0 || factor > 10.0)) {
                        p.add(p.member(parameters, "CompressionFactor"), factor + " is out of range 3.0-10.0");
                    }
                    required(c.encodingParameters().encoderProfile(), p.member(parameters, "EncoderProfile"), p);
                }
                for (int k = 0; k < c.destinationConfigurations().size(); k++) {
                    DestinationConfig d = c.destinationConfigurations().get(k);
                    String destinationPath = p.element(configPath, "DestinationConfigurations", k);
                    if (d.destinationIp() == null) {
                        p.add(p.member(destinationPath, "DestinationIp"), "is required");
                    } else {
                        EncryptionRules.check(p, p.member(destinationPath, "DestinationIp"), Syntax.ipLiteral(d.destinationIp()));
                    }
                    required(d.destinationPort(), p.member(destinationPath, "DestinationPort"), p);
                    Ranges.port(p, p.member(destinationPath, "DestinationPort"), d.destinationPort(), null);
                    interfaceReference(interfaces, d.interfaceName(), p.member(destinationPath, "Interface"), p);
                }
            }
        }
        maintenance(flow.maintenance(), p);
    }

    private static Set<String> mediaStreams(List<MediaStreamConfig> streams, Problems p) {
        Set<String> names = new HashSet<>();
        Map<String, String> namePaths = new HashMap<>();
        Map<Integer, String> ids = new HashMap<>();
        for (int i = 0; i < streams.size(); i++) {
            MediaStreamConfig m = streams.get(i);
            String path = p.element("", "MediaStreams", i);
            required(m.mediaStreamName(), p.member(path, "MediaStreamName"), p);
            required(m.mediaStreamId(), p.member(path, "MediaStreamId"), p);
            required(m.mediaStreamType(), p.member(path, "MediaStreamType"), p);
            FlowValidator.unique(namePaths, m.mediaStreamName(), p.member(path, "MediaStreamName"), p);
            if (m.mediaStreamName() != null) {
                names.add(m.mediaStreamName());
            }
            if (m.mediaStreamId() != null) {
                String previous = ids.putIfAbsent(m.mediaStreamId(), path);
                if (previous != null) {
                    p.add(p.member(path, "MediaStreamId"), m.mediaStreamId() + " is already the ID of " + previous
                            + " (IDs are unique within a flow)");
                }
            }
            if (m.clockRate() != null && !CLOCK_RATES_HZ.contains(m.clockRate())) {
                p.add(p.member(path, "ClockRate"), m.clockRate() + " is not a media clock rate (expected 90000 for video "
                        + "and ancillary data, 48000 or 96000 for audio, in Hz)");
            }
        }
        return names;
    }

    private static Set<String> vpcInterfaces(List<VpcInterfaceConfig> interfaces, Problems p) {
        Set<String> names = new HashSet<>();
        Map<String, String> namePaths = new HashMap<>();
        int efa = 0;
        int ena = 0;
        for (int i = 0; i < interfaces.size(); i++) {
            VpcInterfaceConfig v = interfaces.get(i);
            String path = p.element("", "VpcInterfaces", i);
            required(v.name(), p.member(path, "Name"), p);
            FlowValidator.unique(namePaths, v.name(), p.member(path, "Name"), p);
            if (v.name() != null) {
                names.add(v.name());
            }
            if (v.roleArn() == null) {
                p.add(p.member(path, "RoleArn"), "is required");
            } else {
                EncryptionRules.check(p, p.member(path, "RoleArn"), Syntax.roleArn(v.roleArn()));
            }
            if (v.securityGroupIds().isEmpty()) {
                p.add(p.member(path, "SecurityGroupIds"), "is required (at least one security group ID)");
            }
            required(v.subnetId(), p.member(path, "SubnetId"), p);
            if (v.networkInterfaceType() == NetworkInterfaceType.EFA) {
                efa++;
                if (efa > 1) {
                    p.add(p.member(path, "NetworkInterfaceType"), "a flow has at most one efa interface");
                }
            } else {
                ena++;
                if (ena > 2) {
                    p.add(path, "a flow has at most two ena interfaces");
                }
            }
        }
        return names;
    }

    private static void maintenance(MaintenanceConfig m, Problems p) {
        if (m == null) {
            return;
        }
        String path = p.member("", "Maintenance");
        required(m.maintenanceDay(), p.member(path, "MaintenanceDay"), p);
        if (m.maintenanceStartHour() == null) {
            p.add(p.member(path, "MaintenanceStartHour"), "is required (HH:00 in UTC, e.g. \"02:00\")");
        } else {
            EncryptionRules.check(p, p.member(path, "MaintenanceStartHour"), Syntax.startHour(m.maintenanceStartHour()));
        }
    }

    private static void required(Object value, String path, Problems p) {
        if (value == null) {
            p.add(path, "is required");
        }
    }

    private static void streamReference(Set<String> streams, String name, String path, Problems p) {
        if (name == null) {
            p.add(path, "is required (the name of a media stream in MediaStreams)");
        } else {
            reference(streams, name, path, "media stream", "MediaStreams", p);
        }
    }

    private static void interfaceReference(Set<String> interfaces, String name, String path, Problems p) {
        if (name == null) {
            p.add(p.member(path, "Name"), "is required (the name of a VPC interface of this flow)");
        } else {
            reference(interfaces, name, p.member(path, "Name"), "VPC interface", "VpcInterfaces", p);
        }
    }

    private static void reference(Set<String> declared, String name, String path, String what, String list, Problems p) {
        if (name != null && !declared.contains(name)) {
            String suggestion = Suggestions.nearest(name, declared);
            p.add(path, "\"" + name + "\" is not a " + what + " declared in " + list
                    + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)"));
        }
    }
}
