package io.sluice.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum whose constants travel as fixed strings (MediaConnect enum values are case-sensitive and often
 * lower-case with dashes, e.g. {@code srt-listener}), so the Java constant name never reaches JSON.
 */
public interface WireEnum {

    /** The exact string MediaConnect uses for this constant. */
    String wireValue();

    /** Looks up {@code value} among the wire values of {@code type}; null if there is none. */
    static <E extends Enum<E> & WireEnum> E lookup(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireValue().equals(value)) {
                return constant;
            }
        }
        return null;
    }

    /** Like {@link #lookup} but throws an {@link IllegalArgumentException} naming the accepted values. */
    static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String value) {
        E constant = lookup(type, value);
        if (constant == null) {
            throw new IllegalArgumentException("\"" + value + "\" is not a " + type.getSimpleName()
                    + " (expected one of " + expected(type) + ")");
        }
        return constant;
    }

    /** The wire values of {@code type}, quoted and comma-separated, for error messages. */
    static String expected(Class<? extends WireEnum> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> "\"" + constant.wireValue() + "\"")
                .collect(Collectors.joining(", "));
    }
}
