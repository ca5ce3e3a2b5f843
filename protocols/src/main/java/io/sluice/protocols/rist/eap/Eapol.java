package io.sluice.protocols.rist.eap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * EAPOL frames in RIST main-profile GRE (protocol 0x888E), written as librist 0.2.7 writes them: a 4-byte GRE
 * header with no flags (EAPOL is never encrypted, even with a pre-shared key), the 802.1X EAPOL header, the RFC 3748
 * EAP header, then EAP type 19 (SRP, draft-ietf-pppext-eap-srp-03 numbering) with a subtype:
 * <pre>
 *  GRE    | 00 00 | 88 8E |
 *  EAPOL  | version 2 | type (0 EAP, 1 start, 2 logoff) | length of what follows (16) |
 *  EAP    | code (1 req, 2 resp, 3 success, 4 failure) | identifier | length incl. this header (16) |
 *         | type (1 identity, 19 SRP) | SRP subtype | body ...
 *
 *  request  1 identity       (no body)                 response 1 identity      user name
 *  request 19/1 challenge    name_len 0, salt_len, salt, gen_len 0 (0 = RFC 5054 2048-bit group)
 *                                                      response 19/1 client key A
 *  request 19/2 server key   B                         response 19/2 client validator: 4 reserved bytes, M1
 *  request 19/3 validator    4 reserved bytes, M2      response 19/3 (no body)
 *  success / failure         (no type)
 * </pre>
 * Numbers (A, B, salt) are minimal big-endian bytes. librist fills the 4 reserved bytes of its validator request
 * from uninitialised memory (seen: {@code 00 00 69 00}): they are ignored, and sent as zeros.
 */
public final class Eapol {
    public static final int GRE_PROTOCOL = 0x888E;
    static final int VERSION = 2;
    static final int GRE_BYTES = 4;
    static final int EAPOL_HEADER_BYTES = 4;
    static final int EAP_HEADER_BYTES = 4;

    public static final int TYPE_EAP = 0;
    public static final int TYPE_START = 1;
    public static final int TYPE_LOGOFF = 2;

    public static final int CODE_REQUEST = 1;
    public static final int CODE_RESPONSE = 2;
    public static final int CODE_SUCCESS = 3;
    public static final int CODE_FAILURE = 4;

    public static final int EAP_IDENTITY = 1;
    public static final int EAP_SRP = 19;
    /** Request: challenge (salt); response: client key (A). */
    public static final int SRP_CHALLENGE = 1;
    /** Request: server key (B); response: client validator (M1). */
    public static final int SRP_KEY = 2;
    /** Request: server validator (M2); response: acknowledgement. */
    public static final int SRP_VALIDATOR = 3;
    public static final int SRP_LIGHTWEIGHT_RECHALLENGE = 4;
    /** Reserved bytes before M1 and M2 in the validator messages. */
    static final int VALIDATOR_RESERVED_BYTES = 4;
    static final int NO_TYPE = -1;

    private Eapol() {}

    /** GRE + EAPOL-Start: asks the authenticator to begin (or repeat) an exchange. The caller owns the result. */
    public static ByteBuf start(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(GRE_BYTES + EAPOL_HEADER_BYTES);
        writeGre(out);
        out.writeByte(VERSION);
        out.writeByte(TYPE_START);
        out.writeShort(0);
        return out;
    }

    /**
     * GRE + EAPOL + EAP {@code code}/{@code identifier}, then {@code type} and {@code subtype} unless they are
     * {@link #NO_TYPE}, then the {@code body} parts in order. The caller owns the result.
     */
    static ByteBuf packet(ByteBufAllocator alloc, int code, int identifier, int type, int subtype, byte[]... body) {
        int eapLength = EAP_HEADER_BYTES + (type == NO_TYPE ? 0 : 1) + (subtype == NO_TYPE ? 0 : 1);
        for (byte[] part : body) {
            eapLength += part.length;
        }
        ByteBuf out = alloc.buffer(GRE_BYTES + EAPOL_HEADER_BYTES + eapLength);
        writeGre(out);
        out.writeByte(VERSION);
        out.writeByte(TYPE_EAP);
        out.writeShort(eapLength);
        out.writeByte(code);
        out.writeByte(identifier);
        out.writeShort(eapLength);
        if (type != NO_TYPE) {
            out.writeByte(type);
        }
        if (subtype != NO_TYPE) {
            out.writeByte(subtype);
        }
        for (byte[] part : body) {
            out.writeBytes(part);
        }
        return out;
    }

    private static void writeGre(ByteBuf out) {
        out.writeShort(0);
        out.writeShort(GRE_PROTOCOL);
    }
}
