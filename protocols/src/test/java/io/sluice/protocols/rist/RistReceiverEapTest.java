package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.sluice.crypto.srp.SrpVerifier;
import io.sluice.protocols.rist.eap.EapCounters;
import io.sluice.protocols.rist.eap.SrpUser;
import io.sluice.protocols.time.NanoClock;
import io.sluice.testing.EventLoops;
import io.sluice.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RistReceiver with EAP-SRP configured, on loopback sockets: what an unauthenticated peer gets. */
class RistReceiverEapTest {
    @RegisterExtension
    static final EventLoops loops = new EventLoops(1);

    @Test
    void dropsUnauthenticatedMainProfileTrafficAsksForTheIdentityAndRefusesSimpleProfile() throws Exception {
        int port = FreePorts.udpBlock();
        SrpUser user = new SrpUser("gwuser", SrpVerifier.create("gwuser".getBytes(StandardCharsets.UTF_8),
                "pw".getBytes(StandardCharsets.UTF_8), new SecureRandom()));
        EventLoop loop = loops.next();
        int[] delivered = new int[1];
        RistReceiver receiver = new RistReceiver(RistReceiverSettings.of(new InetSocketAddress("127.0.0.1", port), 200)
                .withSrp(user), NanoClock.SYSTEM, new RistPacketSink() {
                    @Override
                    public void onPacket(ByteBuf rtpPacket, long releaseNs) {
                        delivered[0]++;
                        rtpPacket.release();
                    }

                    @Override
                    public void onBatchComplete() {}
                });
        receiver.open(loop).sync();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            peer.setSoTimeout(2000);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            byte[] rtp = HexFormat.of().parseHex("8021000100000000123456784700");
            byte[] gre = new byte[4 + 4 + rtp.length];
            gre[2] = (byte) 0x88;
            gre[3] = (byte) 0xB6;
            gre[4] = (byte) 0x80;
            gre[5] = 0x01;
            gre[6] = 0x07;
            gre[7] = (byte) 0xB0;
            System.arraycopy(rtp, 0, gre, 8, rtp.length);
            peer.send(new DatagramPacket(gre, gre.length, to));
            byte[] buf = new byte[64];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            peer.receive(answer);
            assertThat(HexFormat.of().formatHex(buf, 0, answer.getLength())).as("an EAP identity request")
                    .matches("0000888e0200000501..000501");

            peer.send(new DatagramPacket(rtp, rtp.length, to)); // simple profile
            Thread.sleep(200);
            EapCounters eap = loop.submit(() -> receiver.eapCounters().copy()).get();
            assertThat(eap.droppedUnauthenticated()).isEqualTo(2);
            assertThat(eap.problem()).contains("sends simple-profile RIST").contains("needs the main profile");
            assertThat(loop.submit(() -> delivered[0]).get()).isZero();
            assertThat(loop.submit(receiver::isMainProfile).get()).isFalse();
        } finally {
            receiver.close();
        }
    }
}
