package io.sluice.config;

/** Whether an output sends (MediaConnect enum {@code OutputStatus}, newer than the baseline model). */
public enum OutputStatus implements WireEnum {
    ENABLED("ENABLED"),
    DISABLED("DISABLED");

    private final String wireValue;

    OutputStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static OutputStatus fromWire(String value) {
        return WireEnum.fromWire(OutputStatus.class, value);
    }
}
