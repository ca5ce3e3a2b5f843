package io.sluice.config;

/** Video signal range in an fmtp (MediaConnect enum {@code Range}). */
public enum Range implements WireEnum {
    NARROW("NARROW"),
    FULL("FULL"),
    FULLPROTECT("FULLPROTECT");

    private final String wireValue;

    Range(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static Range fromWire(String value) {
        return WireEnum.fromWire(Range.class, value);
    }
}
