package io.sluice.config;

/** Transfer characteristic system in an fmtp (MediaConnect enum {@code Tcs}). */
public enum Tcs implements WireEnum {
    SDR("SDR"),
    PQ("PQ"),
    HLG("HLG"),
    LINEAR("LINEAR"),
    BT2100LINPQ("BT2100LINPQ"),
    BT2100LINHLG("BT2100LINHLG"),
    ST2065_1("ST2065-1"),
    ST428_1("ST428-1"),
    DENSITY("DENSITY");

    private final String wireValue;

    Tcs(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static Tcs fromWire(String value) {
        return WireEnum.fromWire(Tcs.class, value);
    }
}
