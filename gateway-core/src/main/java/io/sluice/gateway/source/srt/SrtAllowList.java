package io.sluice.gateway.source.srt;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * CIDR blocks (IPv4 and IPv6) a caller's address must fall in, checked in libsrt's listen callback so a denied
 * caller is refused at handshake. Empty means everyone. Immutable and thread-safe (the callback runs on a libsrt
 * thread). An IPv4-mapped IPv6 peer (::ffff:a.b.c.d) is matched as IPv4.
 */
public final class SrtAllowList {
    private static final SrtAllowList ANYONE = new SrtAllowList(List.of(), "");

    private final List<byte[][]> blocks;                       // {network bytes, mask bytes}
    private final String text;

    private SrtAllowList(List<byte[][]> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    public static SrtAllowList anyone() {
        return ANYONE;
    }

    /**
     * Parses CIDRs such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; null or empty means everyone.
     *
     * @param what the config path for error messages, e.g. "Source.WhitelistCidr"
     */
    public static SrtAllowList parse(List<String> cidrs, String what) {
        if (cidrs == null || cidrs.isEmpty()) {
            return ANYONE;
        }
        List<byte[][]> blocks = new ArrayList<>();
        for (String cidr : cidrs) {
            blocks.add(parseOne(cidr.strip(), what));
        }
        return new SrtAllowList(List.copyOf(blocks), String.join(",", cidrs));
    }

    private static byte[][] parseOne(String cidr, String what) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(what + ": \"" + cidr + "\" is not a CIDR block (expected e.g. 10.0.0.0/8)");
        }
        byte[] network;
        try {
            network = InetAddress.getByName(host).getAddress();  // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + ": \"" + cidr + "\" is not a CIDR block (expected e.g. 10.0.0.0/8)");
        }
        int bits = network.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException(what + ": \"" + cidr + "\" has prefix " + cidr.substring(slash + 1)
                    + " (expected 0-" + bits + ")");
        }
        byte[] mask = new byte[network.length];
        for (int i = 0; i < prefix; i++) {
            mask[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        for (int i = 0; i < network.length; i++) {
            network[i] &= mask[i];
        }
        return new byte[][] {network, mask};
    }

    /** True when {@code address} is inside one of the blocks (or the list is empty). */
    public boolean allows(InetAddress address) {
        if (blocks.isEmpty()) {
            return true;
        }
        byte[] raw = address.getAddress();
        if (raw.length == 16 && isV4Mapped(raw)) {
            raw = new byte[] {raw[12], raw[13], raw[14], raw[15]};
        }
        for (byte[][] block : blocks) {
            if (matches(raw, block[0], block[1])) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] raw, byte[] network, byte[] mask) {
        if (raw.length != network.length) {
            return false;
        }
        for (int i = 0; i < raw.length; i++) {
            if ((raw[i] & mask[i]) != network[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "anyone" : text;
    }
}
