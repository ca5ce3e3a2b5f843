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
    public static final String ARQ_REQUESTS = "ARQRequests";
    public static final String ARQ_RECOVERED = "ARQRecovered";
    public static final String FEC_PACKETS = "FECPackets";
    public static final String FEC_RECOVERED = "FECRecovered";
    public static final String OVERFLOW_PACKETS = "OverflowPackets";
    public static final String ROUND_TRIP_TIME = "RoundTripTime";
    public static final String MERGE_ACTIVE = "MergeActive";
    public static final String MERGE_LATENCY = "MergeLatency";
    public static final String FAILOVER_SWITCHES = "SluiceFailoverSwitches";
    public static final String MERGE_OUTPUT_PACKETS = "SluiceMergeOutputPackets";
    public static final String MERGE_LOST_PACKETS = "SluiceMergeLostPackets";
    public static final String MERGE_RESYNCS = "SluiceMergeResyncs";

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
    public static final String SOURCE_ARQ_REQUESTS = "SourceARQRequests";
    public static final String SOURCE_ARQ_RECOVERED = "SourceARQRecovered";
    public static final String SOURCE_FEC_PACKETS = "SourceFECPackets";
    public static final String SOURCE_FEC_RECOVERED = "SourceFECRecovered";
    public static final String SOURCE_OVERFLOW_PACKETS = "SourceOverflowPackets";
    public static final String SOURCE_ROUND_TRIP_TIME = "SourceRoundTripTime";
    /** MediaConnect's newer per-source connection metric ("also posted at flow level"): labelled by source here. */
    public static final String CONNECTION_ATTEMPTS = "ConnectionAttempts";
    public static final String SOURCE_MERGE_ACTIVE = "SourceMergeActive";
    public static final String SOURCE_MERGE_LATENCY = "SourceMergeLatency";
    public static final String SOURCE_DECRYPTION_FAILURES = "SluiceSourceDecryptionFailures";
    public static final String SOURCE_LINK_BANDWIDTH = "SluiceSourceLinkBandwidth";
    public static final String SOURCE_BUFFER_MS = "SluiceSourceBufferMs";
    public static final String SOURCE_LINK_PROBLEM = "SluiceSourceLinkProblem";
    public static final String SOURCE_STANDBY_DROPPED = "SluiceSourceStandbyDroppedPackets";
    public static final String SOURCE_MERGE_FIRST = "SluiceSourceMergeFirstPackets";
    public static final String SOURCE_MERGE_FILLED = "SluiceSourceMergeFilledPackets";
    public static final String SOURCE_MERGE_LATE = "SluiceSourceMergeLatePackets";

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
    /** Unverified name: by symmetry with the source form (mediaconnect-api.md §9.1). */
    public static final String OUTPUT_ARQ_REQUESTS = "OutputARQRequests";
    /** Unverified name: by symmetry with the source form (mediaconnect-api.md §9.1). */
    public static final String OUTPUT_ROUND_TRIP_TIME = "OutputRoundTripTime";
    public static final String OUTPUT_RETRANSMITTED_PACKETS = "SluiceOutputRetransmittedPackets";
    public static final String OUTPUT_FEC_PACKETS = "SluiceOutputFECPackets";
    public static final String OUTPUT_OVERFLOW_PACKETS = "SluiceOutputOverflowPackets";
    public static final String OUTPUT_CONNECTION_ATTEMPTS = "SluiceOutputConnectionAttempts";
    public static final String OUTPUT_LINK_BANDWIDTH = "SluiceOutputLinkBandwidth";
    public static final String OUTPUT_BUFFER_MS = "SluiceOutputBufferMs";
    public static final String OUTPUT_LINK_PROBLEM = "SluiceOutputLinkProblem";

    private MetricNames() {}

    /** The per-source name of a TR 101 290 metric ({@code PATError} → {@code SourcePATError}). */
    public static String source(String tr101290Name) {
        return "Source" + tr101290Name;
    }
}
