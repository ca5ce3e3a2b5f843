package io.sluice.protocols.rist;

/**
 * What a RIST endpoint knows about its link at one instant, beyond its {@link RistCounters}: built on the loop when
 * asked ({@link RistReceiver#linkState()}, {@link RistSender#linkState()}), immutable, never holds a secret.
 *
 * @param connected      a peer sent valid RIST traffic (RTCP or accepted GRE) within the 2 s session timeout
 * @param peer           the peer last heard ("127.0.0.1:40000"), or null before the first packet
 * @param disconnections times a connected peer fell silent for the session timeout
 * @param problem        what is wrong with the link in one line (wrong secret, profile mismatch, no receiver), or null
 * @param bufferMs       receiver: ms of stream held in the ARQ buffer; sender: ms kept for retransmission; -1 unknown
 */
public record RistLinkState(boolean connected, String peer, long disconnections, String problem, int bufferMs) {}
