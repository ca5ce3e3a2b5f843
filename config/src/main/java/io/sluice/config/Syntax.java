package io.sluice.config;

import java.util.regex.Pattern;

/**
 * Syntax checks of addresses, CIDR blocks, names and ARNs. Each returns null when the text is fine, otherwise what
 * was wrong and expected. Nothing here resolves names (no DNS): a flow document is checked offline.
 */
public final class Syntax {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern SECRET_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:iam::[0-9]{12}:role/[A-Za-z0-9/_+=,.@-]+");
    private static final Pattern ENTITLEMENT_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:mediaconnect:[a-z0-9-]+:[0-9]{12}:entitlement:[a-zA-Z0-9-]+:[a-zA-Z0-9_-]+");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern START_HOUR = Pattern.compile("([01][0-9]|2[0-3]):00");

    private Syntax() {
    }

    /** A resource name: 1..maxLength characters of {@code [A-Za-z0-9_-]} (the ARN name segment). */
    static String name(String name, int maxLength) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        if (name.length() > maxLength) {
            return "is " + name.length() + " characters long (expected at most " + maxLength + ")";
        }
        if (!NAME.matcher(name).matches()) {
            return quote(name) + " has characters other than A-Z a-z 0-9 _ - (it becomes the last segment of an ARN)";
        }
        return null;
    }

    /** An IPv4 or IPv6 address literal. */
    public static String ipLiteral(String text) {
        if (isIpv4(text) || isIpv6(text)) {
            return null;
        }
        return quote(text) + " is not an IPv4 or IPv6 address";
    }

    /** An IP address literal or a DNS host name. */
    static String host(String text) {
        if (isIpv4(text) || isIpv6(text)) {
            return null;
        }
        if (text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return quote(text) + " is not a valid IPv4 address";
        }
        if (HOSTNAME.matcher(text).matches()) {
            return null;
        }
        return quote(text) + " is not an IP address or host name";
    }

    /** A CIDR block: {@code a.b.c.d/n} (n 0-32) or an IPv6 address with {@code /n} (n 0-128). */
    public static String cidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return quote(text) + " has no prefix length (expected CIDR notation such as 10.24.34.0/23 or 2001:db8::/32)";
        }
        String address = text.substring(0, slash);
        String prefix = text.substring(slash + 1);
        boolean v4 = isIpv4(address);
        if (!v4 && !isIpv6(address)) {
            return quote(text) + ": " + quote(address) + " is not an IPv4 or IPv6 address";
        }
        int max = v4 ? 32 : 128;
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)
                || Integer.parseInt(prefix) > max) {
            return quote(text) + " has prefix " + prefix + " (expected 0-" + max + " for IPv" + (v4 ? "4" : "6") + ")";
        }
        return null;
    }

    static String secretArn(String arn) {
        return SECRET_ARN.matcher(arn).matches() ? null
                : quote(arn) + " is not a secret ARN (expected arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)";
    }

    static String roleArn(String arn) {
        return ROLE_ARN.matcher(arn).matches() ? null
                : quote(arn) + " is not an IAM role ARN (expected arn:aws:iam::ACCOUNT:role/NAME)";
    }

    static String entitlementArn(String arn) {
        return ENTITLEMENT_ARN.matcher(arn).matches() ? null
                : quote(arn) + " is not an entitlement ARN (expected arn:aws:mediaconnect:REGION:ACCOUNT:entitlement:ID:NAME)";
    }

    static String account(String account) {
        return ACCOUNT.matcher(account).matches() ? null
                : quote(account) + " is not an AWS account ID (expected 12 digits, no hyphens)";
    }

    static String startHour(String hour) {
        return START_HOUR.matcher(hour).matches() ? null
                : quote(hour) + " is not a start hour (expected HH:00 in UTC, 00:00-23:00)";
    }

    /** True for an IPv4 (224.0.0.0/4) or IPv6 (ff00::/8) multicast address literal. */
    static boolean isMulticast(String text) {
        if (isIpv4(text)) {
            int first = Integer.parseInt(text.substring(0, text.indexOf('.')));
            return first >= 224 && first <= 239;
        }
        // ff00::/8: the first group has all four hex digits and starts with ff ("ff0e::1"; "ff::1" is 0x00ff)
        return isIpv6(text) && text.indexOf(':') == 4 && text.regionMatches(true, 0, "ff", 0, 2);
    }

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return false;
        }
        int groupsWanted = 8;
        String body = text;
        int lastColon = text.lastIndexOf(':');
        if (lastColon >= 0 && text.indexOf('.', lastColon) > 0) {
            if (!isIpv4(text.substring(lastColon + 1))) {
                return false;
            }
            body = text.substring(0, lastColon + 1) + "0";
            groupsWanted = 7;
        }
        int doubleColon = body.indexOf("::");
        if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon < 0) {
            return hexGroups(body) == groupsWanted;
        }
        String head = body.substring(0, doubleColon);
        String tail = body.substring(doubleColon + 2);
        int headGroups = head.isEmpty() ? 0 : hexGroups(head);
        int tailGroups = tail.isEmpty() ? 0 : hexGroups(tail);
        return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups < groupsWanted;
    }

    /** Number of colon-separated groups of 1-4 hex digits, or -1. */
    private static int hexGroups(String text) {
        String[] groups = text.split(":", -1);
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4
                    || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                return -1;
            }
        }
        return groups.length;
    }

    static String quote(String text) {
        return "\"" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "\"";
    }
}
