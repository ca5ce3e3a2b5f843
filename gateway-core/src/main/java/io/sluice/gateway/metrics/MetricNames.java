package io.sluice.gateway.metrics;

/**
 * Metric names: AWS Elemental MediaConnect's CloudWatch names (mediaconnect-api.md §9.1) wherever MediaConnect has
 * one, so dashboards and alarms carry over; Sluice-only figures start with {@code Sluice}. Prometheus adds
 * {@code _total} to counters. Labels: {@code flow}, {@code source}, {@code output} (the names from the flow file).
 */
public final class MetricNames {
    public static final String FLOW = "flow";
    public static final String SOURCE = "source";
    public static final String OUTPUT = "output";

    // Flow level (of the source in use, as MediaConnect reports single-source flows).
    public static final String BIT_RATE = "BitRate";
    public static final String TOTAL_PACKETS = "TotalPackets";
    public static final String DROPPED_PACKETS = "DroppedPackets";
    public static final String RECOVERED_PACKETS = "RecoveredPackets";
    public static final String NOT_RECOVERED_PACKETS = "NotRecoveredPackets";
    public static final String PACKET_LOSS_PERCENT = "PacketLossPercent";
    public static final String CONNECTED = "Connected";
    public static final String DISCONNECTIONS = "Disconnections";
    public static final String CONNECTED_OUTPUTS = "ConnectedOutputs";
    public static final String FLOW_ACTIVE = "SluiceFlowActive";

    // Per source.
    public static final String SOURCE_BIT_RATE = "SourceBitRate";
    public static final String SOURCE_TOTAL_PACKETS = "SourceTotalPackets";
    public static final String SOURCE_DROPPED_PACKETS = "SourceDroppedPackets";
    public static final String SOURCE_RECOVERED_PACKETS = "SourceRecoveredPackets";
    public static final String SOURCE_NOT_RECOVERED_PACKETS = "SourceNotRecoveredPackets";
    public static final String SOURCE_PACKET_LOSS_PERCENT = "SourcePacketLossPercent";
    public static final String SOURCE_CONNECTED = "SourceConnected";
    public static final String SOURCE_DISCONNECTIONS = "SourceDisconnections";
    public static final String SOURCE_SELECTED = "SourceSelected";
    public static final String SOURCE_DUPLICATE_PACKETS = "SluiceSourceDuplicatePackets";
    public static final String SOURCE_REORDERED_PACKETS = "SluiceSourceReorderedPackets";
    public static final String SOURCE_ALLOW_LIST_DROPS = "SluiceSourceAllowListDroppedPackets";
    public static final String SOURCE_MALFORMED_PACKETS = "SluiceSourceMalformedPackets";

    // TR 101 290, source form; the flow form drops the "Source" prefix.
    public static final String TS_SYNC_LOSS = "TSSyncLoss";
    public static final String TS_BYTE_ERROR = "TSByteError";
    public static final String PAT_ERROR = "PATError";
    public static final String PMT_ERROR = "PMTError";
    public static final String PID_ERROR = "PIDError";
    public static final String CONTINUITY_COUNTER = "ContinuityCounter";
    public static final String TRANSPORT_ERROR = "TransportError";
    public static final String CRC_ERROR = "CRCError";
    public static final String PCR_ERROR = "PCRError";
    public static final String CAT_ERROR = "CATError";

    // Per output.
    public static final String OUTPUT_BITRATE = "OutputBitrate";
    public static final String OUTPUT_TOTAL_PACKETS = "OutputTotalPackets";
    public static final String OUTPUT_DROPPED_PACKETS = "OutputDroppedPackets";
    public static final String OUTPUT_CONNECTED = "OutputConnected";
    public static final String OUTPUT_DISCONNECTIONS = "OutputDisconnections";
    public static final String OUTPUT_SEND_ERRORS = "SluiceOutputSendErrors";

    private MetricNames() {}

    /** The per-source name of a TR 101 290 metric ({@code PATError} → {@code SourcePATError}). */
    public static String source(String tr101290Name) {
        return "Source" + tr101290Name;
    }
}
