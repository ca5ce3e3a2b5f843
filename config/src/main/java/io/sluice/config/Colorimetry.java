package io.sluice.config;

/** Colour representation in an fmtp (MediaConnect enum {@code Colorimetry}). */
public enum Colorimetry implements WireEnum {
    BT601("BT601"),
    BT709("BT709"),
    BT2020("BT2020"),
    BT2100("BT2100"),
    ST2065_1("ST2065-1"),
    ST2065_3("ST2065-3"),
    XYZ("XYZ");

    private final String wireValue;

    Colorimetry(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static Colorimetry fromWire(String value) {
        return WireEnum.fromWire(Colorimetry.class, value);
    }
}
