package io.sluice.config;

/** MediaConnect's {@code VpcInterfaceAttachment}: names a VPC interface declared on the flow. */
public record VpcInterfaceAttachmentConfig(String vpcInterfaceName) {
}
