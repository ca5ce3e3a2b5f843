package io.sluice.gateway.allowlist;

import io.netty.util.NetUtil;

import java.util.Arrays;

/**
 * One CIDR block, IPv4 ({@code 10.0.0.0/8}) or IPv6 ({@code 2001:db8::/32}), parsed without DNS. A bare address
 * means a single host (/32 or /128). An IPv4-mapped IPv6 block ({@code ::ffff:10.0.0.0/104}) is kept as the IPv4
 * block it denotes, because IPv4 senders reach dual-stack sockets in that form. Bits below the prefix are
 * ignored, as MediaConnect does ({@code 10.1.2.3/8} means {@code 10.0.0.0/8}).
 *
 * @param network the address bytes, 4 or 16, with host bits cleared
 * @param prefixLength 0-32 for IPv4, 0-128 for IPv6
 */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        network = network.clone();
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("a CIDR network has 4 or 16 bytes, got " + network.length);
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix " + prefixLength + " is out of range 0-" + network.length * 8);
        }
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            network[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
    }

    /** Parses {@code "ADDRESS/PREFIX"} or a bare address; the message says what was wrong and what was expected. */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = NetUtil.createByteArrayFromIpAddressString(addressText);
        if (address == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR block (expected e.g. 10.0.0.0/24 or 2001:db8::/32)");
        }
        int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("\"" + text + "\" has prefix " + trimmed.substring(slash + 1)
                        + " (expected 0-" + maxPrefix + " for " + (address.length == 4 ? "IPv4" : "IPv6") + ")");
            }
        }
        if (address.length == 16 && isIpv4Mapped(address) && prefix >= 96) {
            return new Cidr(Arrays.copyOfRange(address, 12, 16), prefix - 96);
        }
        return new Cidr(address, prefix);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefixLength == prefixLength && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return NetUtil.bytesToIpAddress(network) + "/" + prefixLength;
    }
}
