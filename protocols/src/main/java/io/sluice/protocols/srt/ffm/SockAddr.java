package io.sluice.protocols.srt.ffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_in} / {@code sockaddr_in6} for x86-64 and aarch64 Linux, written and read by offset.
 *
 * <pre>
 * sockaddr_in  (16 bytes): family u16 host order (AF_INET=2) @0, port u16 big-endian @2, addr 4 bytes @4, zero @8
 * sockaddr_in6 (28 bytes): family u16 (AF_INET6=10) @0, port BE @2, flowinfo u32 @4, addr 16 bytes @8, scope_id @24
 * </pre>
 * Peer addresses arrive in a 128-byte {@code sockaddr_storage}. Control path only: these allocate.
 */
public final class SockAddr {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int IN_BYTES = 16;
    public static final int IN6_BYTES = 28;
    public static final int STORAGE_BYTES = 128;

    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddr() {}

    /** Bytes needed for {@code address}. */
    public static int sizeOf(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address ? IN6_BYTES : IN_BYTES;
    }

    /** Writes {@code address} at offset 0 of {@code out} (zero-filled first); returns the length to pass as namelen. */
    public static int write(InetSocketAddress address, MemorySegment out) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("SRT address " + address + " is unresolved (expected an IP address)");
        }
        InetAddress ip = address.getAddress();
        int length = sizeOf(address);
        out.asSlice(0, length).fill((byte) 0);
        out.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) (ip instanceof Inet6Address ? AF_INET6 : AF_INET));
        out.set(PORT, 2, (short) address.getPort());
        byte[] raw = ip.getAddress();
        MemorySegment.copy(raw, 0, out, ValueLayout.JAVA_BYTE, ip instanceof Inet6Address ? 8 : 4, raw.length);
        if (ip instanceof Inet6Address v6) {
            out.set(ValueLayout.JAVA_INT_UNALIGNED, 24, v6.getScopeId());
        }
        return length;
    }

    /** "127.0.0.1:50000" or "[::1]:50000": an address for status lines, without the "/" of InetSocketAddress. */
    public static String text(InetSocketAddress address) {
        if (address == null) {
            return "an unknown address";
        }
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString() : ip.getHostAddress();
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Reads a sockaddr_in or sockaddr_in6 at offset 0 of {@code in}; null for any other family. */
    public static InetSocketAddress read(MemorySegment in) {
        int family = Short.toUnsignedInt(in.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0));
        int port = Short.toUnsignedInt(in.get(PORT, 2));
        try {
            if (family == AF_INET) {
                byte[] raw = in.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
                return new InetSocketAddress(InetAddress.getByAddress(raw), port);
            }
            if (family == AF_INET6) {
                byte[] raw = in.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
                int scope = in.get(ValueLayout.JAVA_INT_UNALIGNED, 24);
                InetAddress ip = InetAddress.getByAddress(raw);
                if (ip instanceof Inet6Address && scope != 0) {
                    ip = Inet6Address.getByAddress(null, raw, scope);
                }
                return new InetSocketAddress(ip, port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("malformed sockaddr from libsrt", e);   // raw has a valid length
        }
        return null;
    }
}
