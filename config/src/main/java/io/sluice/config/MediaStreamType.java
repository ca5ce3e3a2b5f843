package io.sluice.config;

/** Kind of essence in a media stream (MediaConnect enum {@code MediaStreamType}). */
public enum MediaStreamType implements WireEnum {
    VIDEO("video"),
    AUDIO("audio"),
    ANCILLARY_DATA("ancillary-data");

    private final String wireValue;

    MediaStreamType(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static MediaStreamType fromWire(String value) {
        return WireEnum.fromWire(MediaStreamType.class, value);
    }
}
