package io.sluice.config;

/** On/off switch (MediaConnect enum {@code State}). */
public enum State implements WireEnum {
    ENABLED("ENABLED"),
    DISABLED("DISABLED");

    private final String wireValue;

    State(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static State fromWire(String value) {
        return WireEnum.fromWire(State.class, value);
    }
}
