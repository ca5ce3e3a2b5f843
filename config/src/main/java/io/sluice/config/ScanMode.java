package io.sluice.config;

/** Video scan mode in an fmtp (MediaConnect enum {@code ScanMode}). */
public enum ScanMode implements WireEnum {
    PROGRESSIVE("progressive"),
    INTERLACE("interlace"),
    PROGRESSIVE_SEGMENTED_FRAME("progressive-segmented-frame");

    private final String wireValue;

    ScanMode(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static ScanMode fromWire(String value) {
        return WireEnum.fromWire(ScanMode.class, value);
    }
}
