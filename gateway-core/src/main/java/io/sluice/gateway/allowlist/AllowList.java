package io.sluice.gateway.allowlist;

import java.net.InetAddress;
import java.util.List;

/**
 * A set of CIDR blocks (a source's {@code WhitelistCidr}, an output's {@code CidrAllowList}), precomputed into
 * primitive arrays: an IPv4 address is one masked int compare per block, an IPv6 address two masked long
 * compares. An empty list allows everyone (MediaConnect: no WhitelistCidr means no filter). Immutable and
 * thread-safe. For per-packet use go through {@link SenderFilter}, which remembers the last verdict.
 */
public final class AllowList {
    private static final AllowList EVERYONE = new AllowList(List.of());

    private final List<Cidr> blocks;
    private final int[] v4Networks;
    private final int[] v4Masks;
    private final long[] v6NetworkHigh;
    private final long[] v6NetworkLow;
    private final long[] v6MaskHigh;
    private final long[] v6MaskLow;

    private AllowList(List<Cidr> blocks) {
        this.blocks = List.copyOf(blocks);
        int v4 = (int) blocks.stream().filter(Cidr::isIpv4).count();
        int v6 = blocks.size() - v4;
        v4Networks = new int[v4];
        v4Masks = new int[v4];
        v6NetworkHigh = new long[v6];
        v6NetworkLow = new long[v6];
        v6MaskHigh = new long[v6];
        v6MaskLow = new long[v6];
        int i4 = 0;
        int i6 = 0;
        for (Cidr block : blocks) {
            byte[] network = block.network();
            int prefix = block.prefixLength();
            if (block.isIpv4()) {
                v4Networks[i4] = readInt(network, 0);
                v4Masks[i4] = prefix == 0 ? 0 : -1 << (32 - prefix);
                i4++;
            } else {
                v6NetworkHigh[i6] = readLong(network, 0);
                v6NetworkLow[i6] = readLong(network, 8);
                v6MaskHigh[i6] = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
                v6MaskLow[i6] = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
                i6++;
            }
        }
    }

    /** Allows every sender. */
    public static AllowList everyone() {
        return EVERYONE;
    }

    public static AllowList of(List<Cidr> blocks) {
        return blocks.isEmpty() ? EVERYONE : new AllowList(blocks);
    }

    public static AllowList of(Cidr... blocks) {
        return of(List.of(blocks));
    }

    /**
     * Parses a comma-separated list (MediaConnect's {@code WhitelistCidr} holds one block; Sluice also accepts
     * several). Null or blank allows everyone.
     */
    public static AllowList parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return EVERYONE;
        }
        return of(java.util.Arrays.stream(commaSeparated.split(",")).map(Cidr::parse).toList());
    }

    public boolean allowsEveryone() {
        return blocks.isEmpty();
    }

    public List<Cidr> blocks() {
        return blocks;
    }

    /** Whether {@code address} (4 or 16 bytes; IPv4-mapped IPv6 counts as IPv4) falls in any block. */
    public boolean allows(byte[] address) {
        if (blocks.isEmpty()) {
            return true;
        }
        if (address.length == 4) {
            return allowsIpv4(readInt(address, 0));
        }
        if (address.length == 16 && Cidr.isIpv4Mapped(address)) {
            return allowsIpv4(readInt(address, 12));
        }
        if (address.length != 16) {
            return false;
        }
        long high = readLong(address, 0);
        long low = readLong(address, 8);
        for (int i = 0; i < v6NetworkHigh.length; i++) {
            if ((high & v6MaskHigh[i]) == v6NetworkHigh[i] && (low & v6MaskLow[i]) == v6NetworkLow[i]) {
                return true;
            }
        }
        return false;
    }

    /** As {@link #allows(byte[])}; copies the address bytes (one small allocation), so cache the verdict. */
    public boolean allows(InetAddress address) {
        if (blocks.isEmpty()) {
            return true;
        }
        return allows(address.getAddress());
    }

    private boolean allowsIpv4(int address) {
        for (int i = 0; i < v4Networks.length; i++) {
            if ((address & v4Masks[i]) == v4Networks[i]) {
                return true;
            }
        }
        return false;
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | (bytes[offset + 3] & 0xFF);
    }

    private static long readLong(byte[] bytes, int offset) {
        return (long) readInt(bytes, offset) << 32 | (readInt(bytes, offset + 4) & 0xFFFF_FFFFL);
    }

    @Override
    public String toString() {
        return blocks.isEmpty() ? "everyone" : blocks.toString();
    }
}
