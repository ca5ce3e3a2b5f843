package io.sluice.config;

/** Whether a flow's source is its own or another flow's entitlement (MediaConnect enum {@code SourceType}). */
public enum SourceType implements WireEnum {
    OWNED("OWNED"),
    ENTITLED("ENTITLED");

    private final String wireValue;

    SourceType(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static SourceType fromWire(String value) {
        return WireEnum.fromWire(SourceType.class, value);
    }
}
