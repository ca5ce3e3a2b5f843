package io.sluice.config;

/** How an {@code Encryption} gets its key (MediaConnect enum {@code KeyType}). */
public enum KeyType implements WireEnum {
    SPEKE("speke"),
    STATIC_KEY("static-key"),
    SRT_PASSWORD("srt-password");

    private final String wireValue;

    KeyType(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static KeyType fromWire(String value) {
        return WireEnum.fromWire(KeyType.class, value);
    }
}
