package io.sluice.crypto.secrets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME} references. */
public final class SecretArns {
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:([A-Za-z0-9/_+=.@-]+)");

    private SecretArns() {
    }

    /**
     * The secret's NAME (everything after {@code secret:}), which must be a relative path without {@code .} or
     * {@code ..} segments so that it cannot leave the secrets directory.
     */
    public static String name(String secretArn) {
        Matcher matcher = secretArn == null ? null : ARN.matcher(secretArn);
        if (matcher == null || !matcher.matches()) {
            throw new SecretException("\"" + secretArn + "\" is not a secret ARN "
                    + "(expected arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)");
        }
        String name = matcher.group(1);
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new SecretException("secret " + secretArn + ": name \"" + name + "\" is not a plain relative "
                        + "path (no empty, \".\" or \"..\" segments)");
            }
        }
        return name;
    }
}
