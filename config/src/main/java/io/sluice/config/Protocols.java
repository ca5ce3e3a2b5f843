package io.sluice.config;

/** What Sluice knows about each protocol: which it carries, which ports it takes, and why it refuses the others. */
public final class Protocols {
    /** Lowest port MediaConnect accepts (CDK): below are privileged ports. */
    public static final int MIN_PORT = 1024;
    public static final int MAX_PORT = 65535;

    private Protocols() {
    }

    /** Why Sluice cannot carry {@code protocol}, with the nearest open protocol; null if it can. */
    public static String refusal(Protocol protocol, boolean source) {
        return switch (protocol) {
            case ZIXI_PUSH -> "zixi-push is Zixi's proprietary protocol, which Sluice cannot carry; use "
                    + (source ? "srt-listener or rist" : "srt-caller or rist") + " instead";
            case ZIXI_PULL -> source
                    ? "zixi-pull is an output protocol (and Zixi's proprietary one, which Sluice cannot carry); use "
                            + "srt-caller to pull a stream from a remote listener, or srt-listener or rist"
                    : "zixi-pull is Zixi's proprietary protocol, which Sluice cannot carry; use srt-listener "
                            + "(receivers connect and pull) instead";
            case FUJITSU_QOS -> "fujitsu-qos is Fujitsu's proprietary protocol (deprecated by MediaConnect), which Sluice "
                    + "cannot carry; use srt-listener, srt-caller or rist instead";
            case CDI -> "cdi (AWS Cloud Digital Interface) needs AWS EFA network hardware, which a media host does not "
                    + "have; carry MPEG-TS over srt-listener, srt-caller or rist instead";
            case ST2110_JPEGXS -> "st2110-jpegxs carries ST 2110 JPEG XS essence over AWS VPC interfaces, not MPEG-TS, "
                    + "which Sluice does not carry; use srt-listener, srt-caller or rist instead";
            case NDI_SPEED_HQ -> "ndi-speed-hq needs the proprietary NDI SDK, which Sluice does not use; use "
                    + "srt-listener, srt-caller or rist instead";
            case RTP, RTP_FEC, RIST, SRT_LISTENER, SRT_CALLER, UDP -> null;
        };
    }

    /** True for srt-listener and srt-caller. */
    public static boolean isSrt(Protocol protocol) {
        return protocol == Protocol.SRT_LISTENER || protocol == Protocol.SRT_CALLER;
    }

    /** True for the protocols whose packets carry an RTP header (and so RTP sequence numbers for 2022-7 merge). */
    public static boolean isRtpBased(Protocol protocol) {
        return protocol == Protocol.RTP || protocol == Protocol.RTP_FEC || protocol == Protocol.RIST;
    }

    /**
     * Offsets from the configured port of every UDP port the protocol uses: rtp-fec adds the SMPTE 2022-1 column
     * (+2) and row (+4) FEC streams, rist (simple profile) its RTCP port (+1).
     */
    public static int[] portOffsets(Protocol protocol) {
        return switch (protocol) {
            case RTP_FEC -> new int[] {0, 2, 4};
            case RIST -> new int[] {0, 1};
            default -> new int[] {0};
        };
    }
}
