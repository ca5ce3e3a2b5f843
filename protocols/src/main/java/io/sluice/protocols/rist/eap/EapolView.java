package io.sluice.protocols.rist.eap;

import io.netty.buffer.ByteBuf;

/**
 * Reads one GRE/EAPOL datagram in place ({@link Eapol} has the layout). {@link #wrap} validates the lengths as
 * librist does (the EAP length must equal the EAPOL body length) and reports whether the frame can be used; the
 * accessors are then valid until the next wrap. Does not own the buffer.
 */
final class EapolView {
    private ByteBuf buf;
    private int eapolAt;
    private int eapolType;
    private int eapAt;
    private int eapLength;

    /** Whether the readable bytes of {@code datagram} are a well-formed GRE/EAPOL frame. */
    boolean wrap(ByteBuf datagram) {
        buf = datagram;
        int at = datagram.readerIndex();
        int end = datagram.writerIndex();
        if (end - at < Eapol.GRE_BYTES || datagram.getUnsignedShort(at + 2) != Eapol.GRE_PROTOCOL) {
            return false;
        }
        int flags = datagram.getUnsignedByte(at);
        if ((flags & 0x20) != 0) {
            return false; // a key (encrypted EAPOL): librist never sends it, and it would need a key we may not have
        }
        eapolAt = at + 4 * (1 + Integer.bitCount(flags & 0x90)); // optional checksum and sequence words
        if (end - eapolAt < Eapol.EAPOL_HEADER_BYTES) {
            return false;
        }
        eapolType = datagram.getUnsignedByte(eapolAt + 1);
        int bodyLength = datagram.getUnsignedShort(eapolAt + 2);
        eapAt = eapolAt + Eapol.EAPOL_HEADER_BYTES;
        if (eapolType != Eapol.TYPE_EAP) {
            eapLength = 0;
            return true;
        }
        if (bodyLength < Eapol.EAP_HEADER_BYTES || eapAt + bodyLength > end) {
            return false;
        }
        eapLength = datagram.getUnsignedShort(eapAt + 2);
        if (eapLength != bodyLength) {
            return false;
        }
        int code = code();
        return (code != Eapol.CODE_REQUEST && code != Eapol.CODE_RESPONSE) || eapLength > Eapol.EAP_HEADER_BYTES;
    }

    /** EAPOL packet type: {@link Eapol#TYPE_EAP}, {@link Eapol#TYPE_START}, {@link Eapol#TYPE_LOGOFF}. */
    int eapolType() {
        return eapolType;
    }

    int code() {
        return buf.getUnsignedByte(eapAt);
    }

    int identifier() {
        return buf.getUnsignedByte(eapAt + 1);
    }

    /** EAP type of a request or response (1 identity, 19 SRP). */
    int type() {
        return buf.getUnsignedByte(eapAt + Eapol.EAP_HEADER_BYTES);
    }

    /** SRP subtype, or -1 when the packet has none. */
    int subtype() {
        return eapLength > Eapol.EAP_HEADER_BYTES + 1 ? buf.getUnsignedByte(eapAt + Eapol.EAP_HEADER_BYTES + 1) : -1;
    }

    /** Bytes after the type (identity: the user name). */
    byte[] typeData() {
        return copy(eapAt + Eapol.EAP_HEADER_BYTES + 1);
    }

    /** Bytes after the SRP subtype. */
    byte[] srpData() {
        return copy(eapAt + Eapol.EAP_HEADER_BYTES + 2);
    }

    private byte[] copy(int from) {
        int end = eapAt + eapLength;
        byte[] out = new byte[Math.max(0, end - from)];
        buf.getBytes(Math.min(from, end), out);
        return out;
    }
}
