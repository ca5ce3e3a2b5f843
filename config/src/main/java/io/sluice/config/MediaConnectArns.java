package io.sluice.config;

import java.util.regex.Pattern;

/**
 * MediaConnect ARNs of one account in one region (mediaconnect-api.md §4):
 * {@code arn:aws:mediaconnect:REGION:ACCOUNT:TYPE:ID:NAME}. Sources, outputs and entitlements take the ID of their
 * flow, as moto does for resources created with the flow.
 */
public record MediaConnectArns(String partition, String region, String account) {
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9-]+");

    public MediaConnectArns {
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("account \"" + account + "\" is not 12 digits");
        }
        if (!REGION.matcher(region).matches() || !REGION.matcher(partition).matches()) {
            throw new IllegalArgumentException("region \"" + region + "\" or partition \"" + partition + "\" is not [a-z0-9-]+");
        }
    }

    public MediaConnectArns(String region, String account) {
        this("aws", region, account);
    }

    public String flow(String flowId, String name) {
        return arn("flow", flowId, name);
    }

    public String source(String flowId, String name) {
        return arn("source", flowId, name);
    }

    public String output(String flowId, String name) {
        return arn("output", flowId, name);
    }

    public String entitlement(String flowId, String name) {
        return arn("entitlement", flowId, name);
    }

    private String arn(String type, String id, String name) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("resource ID \"" + id + "\" is not [a-zA-Z0-9-]+");
        }
        return "arn:" + partition + ":mediaconnect:" + region + ":" + account + ":" + type + ":" + id + ":" + name;
    }
}
