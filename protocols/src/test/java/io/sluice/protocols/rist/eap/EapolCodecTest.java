package io.sluice.protocols.rist.eap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The EAPOL layouts against datagrams captured between librist 0.2.7's ristsender and ristreceiver on loopback. */
class EapolCodecTest {
    /** ristreceiver -F: identity request, identifier 0x5f. */
    static final String LIBRIST_IDENTITY_REQUEST = "0000888e0200000501" + "5f" + "000501";
    /** ristsender: EAPOL-Start. */
    static final String LIBRIST_START = "0000888e02010000";
    /** ristsender: identity response "gwuser". */
    static final String LIBRIST_IDENTITY_RESPONSE = "0000888e0200000b025f000b01677775736572";
    /** ristreceiver: SRP challenge, no server name, 32-byte salt, default group. */
    static final String LIBRIST_CHALLENGE = "0000888e0200002c0160002c13010000"
            + "0020a4cc01f080433977e43f2364a801d492d97b40bfbe20ab2fb18a0784d243cf58" + "0000";
    /** ristreceiver: server validator whose 4 reserved bytes carry junk (00 00 69 00), then M2. */
    static final String LIBRIST_VALIDATOR = "0000888e0200002a01f8002a1303" + "00006900"
            + "a0ee17ecca3e6df3632ef0abdeb5a0a4e510bb4ba222ac70abe6486801cf8fa3";
    /** ristreceiver: EAP-Success. */
    static final String LIBRIST_SUCCESS = "0000888e0200000403630004";

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    }

    private static String written(ByteBuf buf) {
        try {
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void writesWhatLibristWrites() {
        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        assertThat(written(Eapol.start(alloc))).isEqualTo(LIBRIST_START);
        assertThat(written(Eapol.packet(alloc, Eapol.CODE_REQUEST, 0x5f, Eapol.EAP_IDENTITY, Eapol.NO_TYPE)))
                .isEqualTo(LIBRIST_IDENTITY_REQUEST);
        assertThat(written(Eapol.packet(alloc, Eapol.CODE_RESPONSE, 0x5f, Eapol.EAP_IDENTITY, Eapol.NO_TYPE,
                "gwuser".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(LIBRIST_IDENTITY_RESPONSE);
        byte[] salt = HexFormat.of().parseHex("a4cc01f080433977e43f2364a801d492d97b40bfbe20ab2fb18a0784d243cf58");
        assertThat(written(Eapol.packet(alloc, Eapol.CODE_REQUEST, 0x60, Eapol.EAP_SRP, Eapol.SRP_CHALLENGE,
                new byte[2], new byte[] {0, 32}, salt, new byte[2]))).isEqualTo(LIBRIST_CHALLENGE);
        assertThat(written(Eapol.packet(alloc, Eapol.CODE_SUCCESS, 0x63, Eapol.NO_TYPE, Eapol.NO_TYPE)))
                .isEqualTo(LIBRIST_SUCCESS);
    }

    @Test
    void readsWhatLibristWrites() {
        EapolView view = new EapolView();
        ByteBuf challenge = hex(LIBRIST_CHALLENGE);
        assertThat(view.wrap(challenge)).isTrue();
        assertThat(view.eapolType()).isEqualTo(Eapol.TYPE_EAP);
        assertThat(view.code()).isEqualTo(Eapol.CODE_REQUEST);
        assertThat(view.identifier()).isEqualTo(0x60);
        assertThat(view.type()).isEqualTo(Eapol.EAP_SRP);
        assertThat(view.subtype()).isEqualTo(Eapol.SRP_CHALLENGE);
        assertThat(view.srpData()).hasSize(2 + 2 + 32 + 2);

        assertThat(view.wrap(hex(LIBRIST_VALIDATOR))).isTrue();
        assertThat(view.subtype()).isEqualTo(Eapol.SRP_VALIDATOR);
        assertThat(view.srpData()).hasSize(36);

        assertThat(view.wrap(hex(LIBRIST_IDENTITY_RESPONSE))).isTrue();
        assertThat(new String(view.typeData(), StandardCharsets.US_ASCII)).isEqualTo("gwuser");

        assertThat(view.wrap(hex(LIBRIST_START))).isTrue();
        assertThat(view.eapolType()).isEqualTo(Eapol.TYPE_START);

        assertThat(view.wrap(hex(LIBRIST_SUCCESS))).isTrue();
        assertThat(view.code()).isEqualTo(Eapol.CODE_SUCCESS);
        assertThat(view.subtype()).isEqualTo(-1);
    }

    @Test
    void refusesFramesWithLengthsThatDoNotAddUp() {
        EapolView view = new EapolView();
        assertThat(view.wrap(hex("0000888e0200"))).as("cut EAPOL header").isFalse();
        assertThat(view.wrap(hex("0000888e0200000501" + "5f" + "0006" + "01"))).as("EAP length != EAPOL length").isFalse();
        assertThat(view.wrap(hex("0000888e0200000601" + "5f" + "000601"))).as("EAPOL length beyond the datagram").isFalse();
        assertThat(view.wrap(hex("0000888e02000004" + "01" + "5f" + "0004"))).as("request without a type").isFalse();
        assertThat(view.wrap(hex("3000888e0000000100000001" + "02010000"))).as("keyed EAPOL").isFalse();
        assertThat(view.wrap(hex("000088b602010000"))).as("not EAPOL").isFalse();
        assertThat(view.wrap(hex("1000888e00000007" + "02010000"))).as("a sequence word is skipped").isTrue();
    }
}
