package io.sluice.config;

/** JPEG XS encoder profile (MediaConnect enum {@code EncoderProfile}). */
public enum EncoderProfile implements WireEnum {
    MAIN("main"),
    HIGH("high");

    private final String wireValue;

    EncoderProfile(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static EncoderProfile fromWire(String value) {
        return WireEnum.fromWire(EncoderProfile.class, value);
    }
}
