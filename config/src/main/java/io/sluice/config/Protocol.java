package io.sluice.config;

/** Transport protocol of a source or output (MediaConnect enum {@code Protocol}, plus {@code udp} and {@code ndi-speed-hq} from newer models). */
public enum Protocol implements WireEnum {
    RTP("rtp"),
    RTP_FEC("rtp-fec"),
    RIST("rist"),
    SRT_LISTENER("srt-listener"),
    SRT_CALLER("srt-caller"),
    ZIXI_PUSH("zixi-push"),
    ZIXI_PULL("zixi-pull"),
    CDI("cdi"),
    ST2110_JPEGXS("st2110-jpegxs"),
    FUJITSU_QOS("fujitsu-qos"),
    UDP("udp"),
    NDI_SPEED_HQ("ndi-speed-hq");

    private final String wireValue;

    Protocol(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static Protocol fromWire(String value) {
        return WireEnum.fromWire(Protocol.class, value);
    }
}
