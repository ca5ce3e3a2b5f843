package io.sluice.protocols.mpegts;

import java.util.List;

/**
 * What a transport stream carries, from its PAT, PMTs and SDT: the programs and their elementary streams. Built on
 * request (never per packet) by {@link TsMonitor#describe()}; the gateway maps it to MediaConnect's
 * {@code TransportMediaInfo} for DescribeFlowSourceMetadata.
 *
 * @param transportStreamId the PAT's transport_stream_id, or -1 before a PAT was seen
 * @param lastChangeNs      {@link io.sluice.protocols.time.NanoClock} time of the last PAT/PMT/SDT change, or 0 when
 *                          none was seen
 */
public record TransportInfo(int transportStreamId, List<Program> programs, long lastChangeNs) {

    public TransportInfo {
        programs = List.copyOf(programs);
    }

    /**
     * One program of the PAT.
     *
     * @param name   the SDT service name, or null when the stream has no SDT entry for it
     * @param pcrPid the PMT's PCR_PID, or -1 before the PMT was seen
     */
    public record Program(int programNumber, int pmtPid, int pcrPid, String name, List<Stream> streams) {
        public Program {
            streams = List.copyOf(streams);
        }
    }

    /**
     * One elementary stream of a PMT.
     *
     * @param streamType the PMT's stream_type byte
     * @param kind       "video", "audio", "data" or "unknown"
     * @param codec      e.g. "h264", "aac", "ac3"; "unknown" when the type is not recognised
     */
    public record Stream(int pid, int streamType, String kind, String codec) {}
}
