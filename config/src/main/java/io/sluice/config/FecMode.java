package io.sluice.config;

/** Sluice extension: which SMPTE 2022-1 FEC streams an rtp-fec output sends: column only (1D) or column and row (2D). */
public enum FecMode implements WireEnum {
    COLUMN("column"),
    COLUMN_AND_ROW("column-and-row");

    private final String wireValue;

    FecMode(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static FecMode fromWire(String value) {
        return WireEnum.fromWire(FecMode.class, value);
    }
}
