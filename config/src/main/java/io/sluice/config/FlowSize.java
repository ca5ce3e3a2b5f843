package io.sluice.config;

/** Capacity class of a flow (MediaConnect enum {@code FlowSize}, newer than the baseline model). */
public enum FlowSize implements WireEnum {
    MEDIUM("MEDIUM"),
    LARGE("LARGE"),
    LARGE_4X("LARGE_4X");

    private final String wireValue;

    FlowSize(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static FlowSize fromWire(String value) {
        return WireEnum.fromWire(FlowSize.class, value);
    }
}
