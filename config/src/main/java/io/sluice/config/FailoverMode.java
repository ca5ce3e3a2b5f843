package io.sluice.config;

/** What a two-source flow does with its sources (MediaConnect enum {@code FailoverMode}). */
public enum FailoverMode implements WireEnum {
    MERGE("MERGE"),
    FAILOVER("FAILOVER");

    private final String wireValue;

    FailoverMode(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static FailoverMode fromWire(String value) {
        return WireEnum.fromWire(FailoverMode.class, value);
    }
}
