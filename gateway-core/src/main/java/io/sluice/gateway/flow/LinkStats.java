package io.sluice.gateway.flow;

/**
 * What a source or output knows about its link beyond packet counts: connection state for connection-oriented
 * protocols (SRT, RIST), ARQ and FEC work, round-trip time, and a the problem with the link in words a person can act on ("refused
 * 127.0.0.1:50000 at handshake: wrong SRT passphrase"). The figures MediaConnect publishes as {@code ARQRequests},
 * {@code ARQRecovered}, {@code FECPackets}, {@code FECRecovered}, {@code RoundTripTime}, {@code Connected},
 * {@code Disconnections}, {@code OverflowPackets} come from here.
 *
 * <p>An immutable copy, built by the source or output when a snapshot is taken (on the flow's loop, so it must not
 * block). A figure that does not apply to the protocol is 0 for counters and {@code NaN} for measurements. Never
 * contains a secret.
 *
 * @param connection         whether a peer is connected, or NOT_APPLICABLE for connectionless protocols (RTP, UDP)
 * @param peer               the connected peer's address ("127.0.0.1:50000"), or null
 * @param disconnections     times a connected peer went away since the flow started
 * @param connectionAttempts handshakes tried (caller) or seen (listener), refused ones included
 * @param arqRequests        packets asked for again (NACKed) by this receiver, or asked of this sender
 * @param arqRecovered       packets that arrived through a retransmission and filled a gap
 * @param retransmitted      packets this side sent again
 * @param fecPackets         FEC packets received (source) or sent (output)
 * @param fecRecovered       media packets rebuilt from FEC
 * @param overflowPackets    packets lost for lack of buffer (queue full, too late to play)
 * @param decryptionFailures packets that could not be decrypted (wrong key)
 * @param roundTripTimeMs    smoothed round-trip time, NaN when unknown
 * @param bandwidthMbps      estimated link bandwidth, NaN when unknown
 * @param bufferMs           data held in the protocol's buffer, in ms of stream; -1 when unknown
 * @param problem            what is wrong with the link, one line a person can act on ("refused 127.0.0.1:50000 at
 *                           handshake: wrong SRT passphrase"), or null when nothing is; the API reports it in
 *                           the flow's Messages and the live table shows it
 */
public record LinkStats(Connection connection, String peer, long disconnections, long connectionAttempts,
                        long arqRequests, long arqRecovered, long retransmitted, long fecPackets, long fecRecovered,
                        long overflowPackets, long decryptionFailures, double roundTripTimeMs, double bandwidthMbps,
                        int bufferMs, String problem) {

    /** Whether the link has a peer; RTP and plain UDP have no connection. */
    public enum Connection { NOT_APPLICABLE, CONNECTED, DISCONNECTED }

    /** The stats of a connectionless link that reports nothing beyond its packet counters. */
    public static final LinkStats NONE = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** True when the protocol has connections and a peer is connected now. */
    public boolean connected() {
        return connection == Connection.CONNECTED;
    }

    /** Builds a {@link LinkStats}; every figure defaults to "does not apply". */
    public static final class Builder {
        private Connection connection = Connection.NOT_APPLICABLE;
        private String peer;
        private long disconnections;
        private long connectionAttempts;
        private long arqRequests;
        private long arqRecovered;
        private long retransmitted;
        private long fecPackets;
        private long fecRecovered;
        private long overflowPackets;
        private long decryptionFailures;
        private double roundTripTimeMs = Double.NaN;
        private double bandwidthMbps = Double.NaN;
        private int bufferMs = -1;
        private String problem;

        private Builder() {}

        /** Marks the link connection-oriented: connected to {@code peerAddress}, or not (null). */
        public Builder connectedTo(String peerAddress) {
            this.connection = peerAddress == null ? Connection.DISCONNECTED : Connection.CONNECTED;
            this.peer = peerAddress;
            return this;
        }

        public Builder connection(Connection value) {
            this.connection = value;
            return this;
        }

        public Builder disconnections(long value) {
            this.disconnections = value;
            return this;
        }

        public Builder connectionAttempts(long value) {
            this.connectionAttempts = value;
            return this;
        }

        public Builder arq(long requests, long recovered, long retransmittedPackets) {
            this.arqRequests = requests;
            this.arqRecovered = recovered;
            this.retransmitted = retransmittedPackets;
            return this;
        }

        public Builder fec(long packets, long recovered) {
            this.fecPackets = packets;
            this.fecRecovered = recovered;
            return this;
        }

        public Builder overflowPackets(long value) {
            this.overflowPackets = value;
            return this;
        }

        public Builder decryptionFailures(long value) {
            this.decryptionFailures = value;
            return this;
        }

        public Builder roundTripTimeMs(double value) {
            this.roundTripTimeMs = value;
            return this;
        }

        public Builder bandwidthMbps(double value) {
            this.bandwidthMbps = value;
            return this;
        }

        public Builder bufferMs(int value) {
            this.bufferMs = value;
            return this;
        }

        public Builder problem(String value) {
            this.problem = value;
            return this;
        }

        public LinkStats build() {
            return new LinkStats(connection, peer, disconnections, connectionAttempts, arqRequests, arqRecovered,
                    retransmitted, fecPackets, fecRecovered, overflowPackets, decryptionFailures, roundTripTimeMs,
                    bandwidthMbps, bufferMs, problem);
        }
    }
}
