package io.sluice.gateway.entitlement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MediaConnect ARNs: {@code arn:aws:mediaconnect:REGION:ACCOUNT:TYPE:ID:NAME}, with ID shaped like AWS's
 * ({@code 1-<16>-<12>}, characters {@code [a-zA-Z0-9-]}) so that clients checking the model's patterns accept them.
 *
 * <p>Two ways to make the ID. {@link #random} (the daemon, {@code sluice serve}): random, as AWS does; the ARN is
 * stored with the flow and survives restarts. {@link #deterministic} ({@code sluice run}, files and no API): the ID
 * is {@code P-FLOW_NAME} (P: 1 flow and entitlement, 2 output, 3 source), so one file can name another flow's
 * entitlement before either runs: entitlement {@code partner} of flow {@code entitlement-originator} is
 * {@code arn:aws:mediaconnect:REGION:ACCOUNT:entitlement:1-entitlement-originator:partner} (as in
 * {@code examples/entitlement-subscriber.json}). A flow name with {@code _}, which an ID may not hold, gives
 * {@code P-<first 28 hex digits of SHA-256("TYPE:FLOW_NAME:NAME")>} instead.
 */
public final class ResourceArns {
    /** The account used when none is configured: twelve zeros. */
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-zA-Z-]*):mediaconnect:([a-z0-9-]+):([0-9]{12}):(flow|source|output|entitlement):([a-zA-Z0-9-]+):(.+)");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** The resource kinds that have ARNs, with the digit AWS puts first in their IDs. */
    public enum Type {
        FLOW("flow", '1'), SOURCE("source", '3'), OUTPUT("output", '2'), ENTITLEMENT("entitlement", '1');

        final String wire;
        final char idPrefix;

        Type(String wire, char idPrefix) {
            this.wire = wire;
            this.idPrefix = idPrefix;
        }

        public String wire() {
            return wire;
        }
    }

    /** A parsed ARN. */
    public record Parsed(String region, String account, Type type, String id, String name) {}

    private final String region;
    private final String account;
    private final SecureRandom random;

    private ResourceArns(String region, String account, SecureRandom random) {
        if (!region.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("region \"" + region + "\" may hold only a-z 0-9 -");
        }
        if (!account.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("account ID \"" + account + "\" is not 12 digits");
        }
        this.region = region;
        this.account = account;
        this.random = random;
    }

    /** Random IDs, as the API hands out. */
    public static ResourceArns random(String region, String account) {
        return new ResourceArns(region, account, new SecureRandom());
    }

    /** IDs derived from names (see the class comment), for flows run from files. */
    public static ResourceArns deterministic(String region, String account) {
        return new ResourceArns(region, account, null);
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    /** The ARN of resource {@code name} of kind {@code type} in flow {@code flowName} (for a flow: its own name). */
    public String arn(Type type, String flowName, String name) {
        checkName(type, name);
        String id = random == null ? hashedId(type, flowName, name) : randomId(type);
        return "arn:aws:mediaconnect:" + region + ":" + account + ":" + type.wire + ":" + id + ":" + name;
    }

    /** Parses an ARN of a flow, source, output or entitlement, or returns null when it is not one. */
    public static Parsed parse(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            return null;
        }
        return new Parsed(m.group(2), m.group(3), Type.valueOf(m.group(4).toUpperCase(java.util.Locale.ROOT)), m.group(5), m.group(6));
    }

    /** Names become the last ARN segment, which the model's patterns limit to {@code [a-zA-Z0-9_-]}. */
    public static void checkName(Type type, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(type.wire + " name \"" + name
                    + "\" must be 1-128 characters of A-Z a-z 0-9 _ - (it becomes the last segment of the ARN)");
        }
    }

    private String randomId(Type type) {
        StringBuilder id = new StringBuilder(31).append(type.idPrefix).append('-');
        for (int i = 0; i < 16; i++) {
            id.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
        }
        id.append('-');
        byte[] tail = new byte[6];
        random.nextBytes(tail);
        return id.append(HexFormat.of().formatHex(tail)).toString();
    }

    private static String hashedId(Type type, String flowName, String name) {
        if (flowName.matches("[a-zA-Z0-9-]+")) {
            return type.idPrefix + "-" + flowName;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((type.wire + ":" + flowName + ":" + name).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            return type.idPrefix + "-" + hex.substring(0, 16) + "-" + hex.substring(16, 28);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
