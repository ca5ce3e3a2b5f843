package io.sluice.protocols.srt.ffm;

/** Socket option ids of libsrt 1.5.1 ({@code SRT_SOCKOPT} in srt.h), with the value type each expects. */
public final class SrtOption {
    private SrtOption() {}

    public static final int SNDSYN = 1;
    public static final int RCVSYN = 2;
    public static final int SNDBUF = 5;
    public static final int RCVBUF = 6;
    public static final int SNDTIMEO = 13;
    public static final int RCVTIMEO = 14;
    /** int64 (length 8; 4 is rejected). */
    public static final int MAXBW = 16;
    public static final int STATE = 17;
    /** get int: the socket's current epoll events (IN when a message can be read now, ERR when broken). */
    public static final int EVENT = 18;
    /** get int: messages in the receive buffer (not necessarily due yet under TSBPD). */
    public static final int RCVDATA = 20;
    /** int ms: sets RCVLATENCY and PEERLATENCY together. */
    /** bool: timestamp-based packet delivery (the latency buffer); off delivers on arrival. */
    public static final int TSBPDMODE = 22;
    public static final int LATENCY = 23;
    /** bytes, 10..80; write only. */
    public static final int PASSPHRASE = 26;
    /** int 0/16/24/32. */
    public static final int PBKEYLEN = 27;
    public static final int KMSTATE = 28;
    public static final int TLPKTDROP = 31;
    public static final int PEERVERSION = 35;
    public static final int CONNTIMEO = 36;
    public static final int SNDKMSTATE = 40;
    public static final int RCVKMSTATE = 41;
    public static final int RCVLATENCY = 43;
    public static final int PEERLATENCY = 44;
    /** string, at most 512 bytes. */
    public static final int STREAMID = 46;
    public static final int PAYLOADSIZE = 49;
    /** int SRTT_LIVE=0 / SRTT_FILE=1; write only, set first (it resets dependent defaults). */
    public static final int TRANSTYPE = 50;
    public static final int ENFORCEDENCRYPTION = 53;
    /** Must be 0 or 1 before binding an IPv6 wildcard. */
    public static final int IPV6ONLY = 54;
    public static final int PEERIDLETIMEO = 55;

    public static final int TRANSTYPE_LIVE = 0;
    /** Live-mode maximum payload: 1500 - 28 (IP/UDP) - 16 (SRT header). */
    public static final int LIVE_MAX_PAYLOAD_BYTES = 1456;
    public static final int LIVE_DEFAULT_PAYLOAD_BYTES = 1316;
    public static final int MAX_STREAM_ID_BYTES = 512;
}
