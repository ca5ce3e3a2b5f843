package io.sluice.config;

/** A media stream as MediaConnect describes it (response shape {@code MediaStream}): {@code fmt} is the RTP payload type. */
public record MediaStreamDescription(Integer fmt, MediaStreamConfig config) {
}
