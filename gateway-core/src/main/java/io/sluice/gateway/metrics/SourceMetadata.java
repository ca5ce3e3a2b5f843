package io.sluice.gateway.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocols.mpegts.TransportInfo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of DescribeFlowSourceMetadata (mediaconnect-api.md §6, "DescribeFlowSourceMetadataResponse"), without
 * {@code flowArn}, which the REST layer adds. Component names are the wire names, so Jackson writes the records as
 * they are (with {@code NON_NULL} inclusion). Built from a {@link TransportInfo} that the flow's loop produced with
 * {@code loop.submit(monitor::describe)}; never on the packet path.
 *
 * <p>Frame size, frame rate and audio details need elementary-stream parsing, which Sluice does not do: those members
 * stay null.
 */
public record SourceMetadata(List<MessageDetail> messages, Instant timestamp, TransportMediaInfo transportMediaInfo) {

    /** No PAT has been seen on the source yet. */
    public static final String NO_TRANSPORT_STREAM = "NO_TRANSPORT_STREAM";
    /** A program of the PAT whose PMT has not been seen yet. */
    public static final String PMT_NOT_RECEIVED = "PMT_NOT_RECEIVED";
    /** The flow is not running, so there is no source to read. */
    public static final String FLOW_NOT_RUNNING = "FLOW_NOT_RUNNING";
    private static final int NO_PCR_PID = 0x1FFF;

    public SourceMetadata {
        messages = List.copyOf(messages);
    }

    public record MessageDetail(String code, String message, String resourceName) {}

    public record TransportMediaInfo(List<TransportStreamProgram> programs) {
        public TransportMediaInfo {
            programs = List.copyOf(programs);
        }
    }

    public record TransportStreamProgram(int pcrPid, String programName, int programNumber, int programPid,
                                         List<TransportStream> streams) {
        public TransportStreamProgram {
            streams = List.copyOf(streams);
        }
    }

    public record TransportStream(Integer channels, String codec, String frameRate, FrameResolution frameResolution,
                                  int pid, Integer sampleRate, Integer sampleSize, String streamType) {}

    public record FrameResolution(int frameHeight, int frameWidth) {}

    /**
     * Maps what the monitor of source {@code sourceName} found.
     *
     * @param nowNs   the flow clock's time when {@code info} was taken, to turn {@code info.lastChangeNs()} into
     * @param wallNow the wall-clock time at {@code nowNs}
     */
    public static SourceMetadata from(String sourceName, TransportInfo info, long nowNs, Instant wallNow) {
        List<MessageDetail> messages = new ArrayList<>();
        if (info.transportStreamId() < 0) {
            messages.add(new MessageDetail(NO_TRANSPORT_STREAM,
                    "No PAT received from source " + sourceName + " yet: is it sending MPEG-TS?", sourceName));
            return new SourceMetadata(messages, wallNow, null);
        }
        List<TransportStreamProgram> programs = new ArrayList<>();
        for (TransportInfo.Program program : info.programs()) {
            if (program.pcrPid() < 0) {
                messages.add(new MessageDetail(PMT_NOT_RECEIVED, "The PMT of program " + program.programNumber()
                        + " (PID " + program.pmtPid() + ") has not been received yet", sourceName));
            }
            List<TransportStream> streams = new ArrayList<>();
            for (TransportInfo.Stream stream : program.streams()) {
                streams.add(new TransportStream(null, stream.codec(), null, null, stream.pid(), null, null, stream.kind()));
            }
            programs.add(new TransportStreamProgram(program.pcrPid() < 0 ? NO_PCR_PID : program.pcrPid(), program.name(),
                    program.programNumber(), program.pmtPid(), streams));
        }
        Instant changed = info.lastChangeNs() == 0 ? wallNow : wallNow.minusNanos(nowNs - info.lastChangeNs());
        return new SourceMetadata(messages, changed, new TransportMediaInfo(programs));
    }

    /** The answer for a flow that is not running. */
    public static SourceMetadata notRunning(String flowName, String status, Instant wallNow) {
        return new SourceMetadata(List.of(new MessageDetail(FLOW_NOT_RUNNING,
                "Flow " + flowName + " is " + status + ": start it to read its source metadata", flowName)), wallNow, null);
    }

    /**
     * Writes the members {@code messages}, {@code timestamp} (ISO-8601, whole seconds as MediaConnect sends it) and
     * {@code transportMediaInfo} into a DescribeFlowSourceMetadata response body; absent members are left out.
     */
    public void writeTo(ObjectNode out) {
        ArrayNode messageArray = out.putArray("messages");
        for (MessageDetail message : messages) {
            ObjectNode m = messageArray.addObject().put("code", message.code()).put("message", message.message());
            if (message.resourceName() != null) {
                m.put("resourceName", message.resourceName());
            }
        }
        out.put("timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
        if (transportMediaInfo == null) {
            return;
        }
        ArrayNode programArray = out.putObject("transportMediaInfo").putArray("programs");
        for (TransportStreamProgram program : transportMediaInfo.programs()) {
            ObjectNode p = programArray.addObject().put("pcrPid", program.pcrPid());
            if (program.programName() != null) {
                p.put("programName", program.programName());
            }
            p.put("programNumber", program.programNumber()).put("programPid", program.programPid());
            ArrayNode streamArray = p.putArray("streams");
            for (TransportStream stream : program.streams()) {
                ObjectNode st = streamArray.addObject();
                if (stream.channels() != null) {
                    st.put("channels", stream.channels());
                }
                if (stream.codec() != null) {
                    st.put("codec", stream.codec());
                }
                if (stream.frameRate() != null) {
                    st.put("frameRate", stream.frameRate());
                }
                if (stream.frameResolution() != null) {
                    st.putObject("frameResolution").put("frameHeight", stream.frameResolution().frameHeight())
                            .put("frameWidth", stream.frameResolution().frameWidth());
                }
                st.put("pid", stream.pid());
                if (stream.sampleRate() != null) {
                    st.put("sampleRate", stream.sampleRate());
                }
                if (stream.sampleSize() != null) {
                    st.put("sampleSize", stream.sampleSize());
                }
                st.put("streamType", stream.streamType());
            }
        }
    }
}
