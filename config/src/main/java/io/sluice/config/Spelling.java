package io.sluice.config;

/**
 * The two JSON spellings of a MediaConnect document. Every member name follows one rule (mediaconnect-api.md §1.3):
 * the wire name is the SDK name with its first letter lower-cased ({@code FlowArn} → {@code flowArn}).
 */
public enum Spelling {
    /** PascalCase, as in boto3, the service model and {@code aws mediaconnect create-flow --cli-input-json}. */
    SDK,
    /** lowerCamelCase, as on the REST wire ({@code locationName}s). */
    WIRE;

    /** The SDK (PascalCase) name of a member written in either spelling. */
    static String sdkNameOf(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code sdkName} in this spelling. */
    public String name(String sdkName) {
        if (this == SDK || sdkName.isEmpty()) {
            return sdkName;
        }
        return Character.toLowerCase(sdkName.charAt(0)) + sdkName.substring(1);
    }
}
