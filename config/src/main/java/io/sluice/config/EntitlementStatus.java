package io.sluice.config;

/** Whether an entitlement delivers (MediaConnect enum {@code EntitlementStatus}). */
public enum EntitlementStatus implements WireEnum {
    ENABLED("ENABLED"),
    DISABLED("DISABLED");

    private final String wireValue;

    EntitlementStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static EntitlementStatus fromWire(String value) {
        return WireEnum.fromWire(EntitlementStatus.class, value);
    }
}
