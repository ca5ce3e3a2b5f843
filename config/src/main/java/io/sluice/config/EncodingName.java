package io.sluice.config;

/** Essence encoding of a media stream (MediaConnect enum {@code EncodingName}). */
public enum EncodingName implements WireEnum {
    JXSV("jxsv"),
    RAW("raw"),
    SMPTE291("smpte291"),
    PCM("pcm");

    private final String wireValue;

    EncodingName(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static EncodingName fromWire(String value) {
        return WireEnum.fromWire(EncodingName.class, value);
    }
}
