package io.sluice.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills in what a valid document left out, the way MediaConnect documents it (mediaconnect-api.md §5, §8.3), so
 * the engine never guesses. Sluice's own choices (marked "Sluice") are documented in docs/flow-files.md.
 */
public final class FlowDefaults {
    /** SRT minimum latency (MediaConnect console default). */
    public static final int SRT_MIN_LATENCY_MS = 2000;
    /** RIST receive buffer (MediaConnect console default); Sluice uses the same for the rist output's send buffer. */
    public static final int RIST_MAX_LATENCY_MS = 2000;
    /** What MediaConnect reports for a source given no MaxBitrate. */
    public static final int MAX_BITRATE_BPS = 80_000_000;
    public static final int SMOOTHING_LATENCY_MS = 0;
    /** 2022-7 merge window (MediaConnect console/CDK default). */
    public static final int RECOVERY_WINDOW_MS = 200;
    /** Sluice: MediaConnect documents no default mode. */
    public static final FailoverMode FAILOVER_MODE = FailoverMode.FAILOVER;
    /** Sluice: 10 x 10 matrix, 20 % overhead with row and column FEC. */
    public static final int FEC_COLUMNS = 10;
    public static final int FEC_ROWS = 10;
    public static final FecMode FEC_MODE = FecMode.COLUMN_AND_ROW;

    private FlowDefaults() {
    }

    static FlowConfig apply(FlowConfig f) {
        List<SourceConfig> sources = new ArrayList<>();
        Set<String> sourceNames = names(f.sources().stream().map(SourceConfig::name).toList());
        for (SourceConfig s : f.sources()) {
            sources.add(source(s, s.name() == null ? fresh("source", sourceNames) : s.name()));
        }
        List<OutputConfig> outputs = new ArrayList<>();
        Set<String> outputNames = names(f.outputs().stream().map(OutputConfig::name).toList());
        for (OutputConfig o : f.outputs()) {
            outputs.add(output(o, o.name() == null ? fresh("output", outputNames) : o.name()));
        }
        List<EntitlementConfig> entitlements = new ArrayList<>();
        Set<String> entitlementNames = names(f.entitlements().stream().map(EntitlementConfig::name).toList());
        for (EntitlementConfig e : f.entitlements()) {
            entitlements.add(new EntitlementConfig(e.name() == null ? fresh("entitlement", entitlementNames) : e.name(),
                    e.description(), e.subscribers(),
                    orDefault(e.dataTransferSubscriberFeePercent(), 0), encryption(e.encryption()),
                    e.entitlementStatus() == null ? EntitlementStatus.ENABLED : e.entitlementStatus(), e.entitlementTags()));
        }
        List<VpcInterfaceConfig> vpcInterfaces = f.vpcInterfaces().stream()
                .map(v -> new VpcInterfaceConfig(v.name(),
                        v.networkInterfaceType() == null ? NetworkInterfaceType.ENA : v.networkInterfaceType(),
                        v.roleArn(), v.securityGroupIds(), v.subnetId()))
                .toList();
        return new FlowConfig(f.name(), f.availabilityZone(), sources, failover(f.sourceFailoverConfig()), outputs,
                entitlements, f.mediaStreams(), vpcInterfaces, f.maintenance(),
                f.flowSize() == null ? FlowSize.MEDIUM : f.flowSize(), f.flowTags(), f.sourceMember());
    }

    private static FailoverConfig failover(FailoverConfig f) {
        if (f == null) {
            return new FailoverConfig(FAILOVER_MODE, null, null, State.DISABLED);
        }
        FailoverMode mode = f.failoverMode() == null ? FAILOVER_MODE : f.failoverMode();
        Integer window = mode == FailoverMode.MERGE ? orDefault(f.recoveryWindow(), RECOVERY_WINDOW_MS) : f.recoveryWindow();
        return new FailoverConfig(mode, window, f.sourcePriority(), f.state() == null ? State.DISABLED : f.state());
    }

    private static SourceConfig source(SourceConfig s, String name) {
        Protocol protocol = s.protocol();
        boolean network = !s.entitled();
        return new SourceConfig(name, s.description(), protocol, s.ingestPort(), s.whitelistCidr(),
                network ? orDefault(s.maxBitrate(), MAX_BITRATE_BPS) : s.maxBitrate(),
                protocol == Protocol.RIST ? orDefault(s.maxLatency(), RIST_MAX_LATENCY_MS) : s.maxLatency(),
                Protocols.isSrt(protocol) ? orDefault(s.minLatency(), SRT_MIN_LATENCY_MS) : s.minLatency(),
                s.streamId(), s.sourceListenerAddress(), s.sourceListenerPort(), encryption(s.decryption()),
                s.entitlementArn(), s.maxSyncBuffer(), s.mediaStreamSourceConfigurations(), s.senderControlPort(),
                s.senderIpAddress(), s.vpcInterfaceName(), s.sourceTags(), extensions(s.sluiceExtensions(), protocol, true, s.decryption()));
    }

    private static OutputConfig output(OutputConfig o, String name) {
        Protocol protocol = o.protocol();
        boolean smoothed = protocol == Protocol.RTP || protocol == Protocol.RTP_FEC || protocol == Protocol.RIST
                || protocol == Protocol.UDP;
        return new OutputConfig(name, o.description(), protocol, o.destination(), o.port(), o.cidrAllowList(),
                protocol == Protocol.RIST ? orDefault(o.maxLatency(), RIST_MAX_LATENCY_MS) : o.maxLatency(),
                Protocols.isSrt(protocol) ? orDefault(o.minLatency(), SRT_MIN_LATENCY_MS) : o.minLatency(),
                smoothed ? orDefault(o.smoothingLatency(), SMOOTHING_LATENCY_MS) : o.smoothingLatency(),
                o.streamId(), encryption(o.encryption()), o.mediaStreamOutputConfigurations(), o.remoteId(),
                o.senderControlPort(), o.vpcInterfaceAttachment(),
                o.outputStatus() == null ? OutputStatus.ENABLED : o.outputStatus(), o.outputTags(),
                extensions(o.sluiceExtensions(), protocol, false, o.encryption()));
    }

    private static EncryptionConfig encryption(EncryptionConfig e) {
        if (e == null || e.keyType() != null) {
            return e;
        }
        return new EncryptionConfig(e.algorithm(), KeyType.STATIC_KEY, e.secretArn(), e.roleArn(),
                e.constantInitializationVector(), e.deviceId(), e.region(), e.resourceId(), e.url());
    }

    private static SluiceExtensionsConfig extensions(SluiceExtensionsConfig x, Protocol protocol, boolean source,
                                                     EncryptionConfig encryption) {
        RistProfile profile = x.ristProfile();
        if (protocol == Protocol.RIST && profile == null) {
            // Encryption and SRP exist only in the main profile (TR-06-2); plain streams use the simpler, more common one.
            profile = encryption != null || x.srpUsername() != null ? RistProfile.MAIN : RistProfile.SIMPLE;
        }
        boolean fec = protocol == Protocol.RTP_FEC && !source;
        return new SluiceExtensionsConfig(x.bindAddress(), profile, x.srpUsername(), x.srpPasswordSecretArn(),
                fec ? orDefault(x.fecColumns(), FEC_COLUMNS) : x.fecColumns(),
                fec ? orDefault(x.fecRows(), FEC_ROWS) : x.fecRows(),
                fec && x.fecMode() == null ? FEC_MODE : x.fecMode(), x.multicastInterface(), x.multicastSourceIp(),
                x.multicastTtl(), x.multicastLoopback());
    }

    private static Integer orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static Set<String> names(List<String> names) {
        Set<String> taken = new HashSet<>();
        for (String name : names) {
            if (name != null) {
                taken.add(name);
            }
        }
        return taken;
    }

    /** {@code prefix-N} for the smallest N not taken; MediaConnect generates names too (they end up in ARNs). */
    private static String fresh(String prefix, Set<String> taken) {
        for (int n = 1; ; n++) {
            String candidate = prefix + "-" + n;
            if (taken.add(candidate)) {
                return candidate;
            }
        }
    }
}
