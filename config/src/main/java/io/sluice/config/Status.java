package io.sluice.config;

/** Lifecycle state of a flow (MediaConnect enum {@code Status}). */
public enum Status implements WireEnum {
    STANDBY("STANDBY"),
    ACTIVE("ACTIVE"),
    UPDATING("UPDATING"),
    DELETING("DELETING"),
    STARTING("STARTING"),
    STOPPING("STOPPING"),
    ERROR("ERROR");

    private final String wireValue;

    Status(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static Status fromWire(String value) {
        return WireEnum.fromWire(Status.class, value);
    }
}
