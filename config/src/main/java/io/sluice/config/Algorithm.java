package io.sluice.config;

/** AES key size of an {@code Encryption} (MediaConnect enum {@code Algorithm}). */
public enum Algorithm implements WireEnum {
    AES128("aes128"),
    AES192("aes192"),
    AES256("aes256");

    private final String wireValue;

    Algorithm(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static Algorithm fromWire(String value) {
        return WireEnum.fromWire(Algorithm.class, value);
    }
}
