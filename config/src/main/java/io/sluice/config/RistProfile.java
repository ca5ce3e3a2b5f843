package io.sluice.config;

/** Sluice extension: RIST profile of a rist source or output (VSF TR-06-1 simple, TR-06-2 main). */
public enum RistProfile implements WireEnum {
    SIMPLE("simple"),
    MAIN("main");

    private final String wireValue;

    RistProfile(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static RistProfile fromWire(String value) {
        return WireEnum.fromWire(RistProfile.class, value);
    }
}
