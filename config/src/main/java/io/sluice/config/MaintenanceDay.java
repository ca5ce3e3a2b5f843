package io.sluice.config;

/** Weekday of the maintenance window (MediaConnect enum {@code MaintenanceDay}). */
public enum MaintenanceDay implements WireEnum {
    MONDAY("Monday"),
    TUESDAY("Tuesday"),
    WEDNESDAY("Wednesday"),
    THURSDAY("Thursday"),
    FRIDAY("Friday"),
    SATURDAY("Saturday"),
    SUNDAY("Sunday");

    private final String wireValue;

    MaintenanceDay(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    /** The constant whose wire value is {@code value} (case-sensitive, as MediaConnect), or an {@link IllegalArgumentException} listing the values. */
    public static MaintenanceDay fromWire(String value) {
        return WireEnum.fromWire(MaintenanceDay.class, value);
    }
}
