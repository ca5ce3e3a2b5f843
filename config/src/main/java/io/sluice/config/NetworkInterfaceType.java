package io.sluice.config;

/** Kind of VPC interface (MediaConnect enum {@code NetworkInterfaceType}). */
public enum NetworkInterfaceType implements WireEnum {
    ENA("ena"),
    EFA("efa");

    private final String wireValue;

    NetworkInterfaceType(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static NetworkInterfaceType fromWire(String value) {
        return WireEnum.fromWire(NetworkInterfaceType.class, value);
    }
}
