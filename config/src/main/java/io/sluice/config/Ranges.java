package io.sluice.config;

/** Shared numeric rules and their messages. */
final class Ranges {
    static final int MIN_SRT_LATENCY_MS = 100;
    static final int MAX_LATENCY_MS = 15000;

    private Ranges() {
    }

    static void range(Problems p, String path, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            p.add(path, value + " is out of range " + min + "-" + max);
        }
    }

    /** A port in 1024-65535 whose extra ports (rtp-fec +2/+4, rist +1) also fit. */
    static void port(Problems p, String path, Integer port, Protocol protocol) {
        if (port == null) {
            return;
        }
        if (port < Protocols.MIN_PORT || port > Protocols.MAX_PORT) {
            p.add(path, port + " is out of range " + Protocols.MIN_PORT + "-" + Protocols.MAX_PORT);
            return;
        }
        if (protocol == null) {
            return;
        }
        int[] offsets = Protocols.portOffsets(protocol);
        int last = offsets[offsets.length - 1];
        if (port + last > Protocols.MAX_PORT) {
            p.add(path, port + " leaves no room for the " + protocol.wireValue() + " port " + (port + last)
                    + " (expected at most " + (Protocols.MAX_PORT - last) + ")");
        } else if (protocol == Protocol.RIST && port % 2 != 0) {
            p.add(path, port + " is odd (rist needs an even port: RTP on P, RTCP on P+1)");
        } else if (Protocols.isSrt(protocol) && (port == 2077 || port == 2088)) {
            p.add(path, port + " is reserved for Zixi by MediaConnect (expected any other port in 1024-65535)");
        }
    }

    static void notAllowed(Problems p, String path, Object value, String appliesTo) {
        if (value != null) {
            p.add(path, "applies to " + appliesTo + " only: remove it");
        }
    }
}
