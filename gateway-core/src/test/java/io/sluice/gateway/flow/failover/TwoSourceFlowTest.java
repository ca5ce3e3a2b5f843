package io.sluice.gateway.flow.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.flow.Flow;
import io.sluice.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two-source flows on real loopback sockets through the engine: MERGE, FAILOVER and DISABLED, from config. */
class TwoSourceFlowTest {
    private Gateway gateway;
    private int base;

    @BeforeEach
    void startGateway() {
        gateway = Gateway.builder().threads(1).build();
        base = FreePorts.udpBlock();
    }

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    private FlowConfig flow(String failover, String protocol0) {
        return FlowConfigs.read("""
                {"Name": "two",
                 "Sources": [{"Name": "a", "Protocol": "%s", "IngestPort": %d},
                             {"Name": "b", "Protocol": "rtp", "IngestPort": %d}],
                 "SourceFailoverConfig": %s,
                 "Outputs": [{"Name": "out", "Protocol": "rtp", "Destination": "127.0.0.1", "Port": %d}]}
                """.formatted(protocol0, base, base + 1, failover, base + 2));
    }

    private static byte[] rtp(int seq, int ssrc) {
        ByteBuffer b = ByteBuffer.allocate(1328);
        b.put((byte) 0x80).put((byte) 33).putShort((short) seq).putInt(seq * 3000).putInt(ssrc);
        while (b.hasRemaining()) {
            b.put((byte) (seq + b.position()));
        }
        return b.array();
    }

    @Test
    void mergeFillsEachPathsLossesFromTheOtherInOrderWithoutDuplicates() throws Exception {
        // a window of 1 s: on this shared machine the loop can stall longer than 200 ms between reading the two sockets
        Flow flow = gateway.create(flow("{\"State\": \"ENABLED\", \"FailoverMode\": \"MERGE\", \"RecoveryWindow\": 1000}", "rtp"));
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 2));
             DatagramSocket sender = new DatagramSocket()) {
            out.setReceiveBufferSize(4 << 20);
            out.setSoTimeout(5000);                                         // generous: the machine is shared
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            List<byte[]> sent = new ArrayList<>();
            for (int seq = 65500; seq < 65500 + 200; seq++) {               // across the wrap
                byte[] p = rtp(seq & 0xFFFF, 42);
                sent.add(p);
                if (seq % 7 != 3) {
                    sender.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), base));
                }
                if (seq % 7 != 5) {
                    sender.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), base + 1));
                }
                if (seq % 20 == 0) {
                    Thread.sleep(2);
                }
            }
            List<byte[]> got = new ArrayList<>();
            try {
                while (got.size() < sent.size()) {
                    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                    out.receive(p);
                    got.add(Arrays.copyOf(p.getData(), p.getLength()));
                }
            } catch (SocketTimeoutException quiet) {
                // everything arrived
            }
            assertThat(got.size()).as("packets out; flow %s", flow.snapshot().get()).isEqualTo(sent.size());
            assertThat(got).containsExactlyElementsOf(sent);
            DatagramPacket extra = new DatagramPacket(new byte[2048], 2048);
            out.setSoTimeout(300);
            assertThatThrownBy(() -> out.receive(extra)).as("no duplicates after the last packet")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void mergeGivesUpAGapOnBothPathsAfterTheWindowEvenWhenNothingMoreArrives() throws Exception {
        Flow flow = gateway.create(flow("{\"State\": \"ENABLED\", \"FailoverMode\": \"MERGE\", \"RecoveryWindow\": 200}", "rtp"));
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 2));
             DatagramSocket sender = new DatagramSocket()) {
            out.setSoTimeout(5000);
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            for (int seq = 0; seq < 10; seq++) {
                if (seq != 5) {                                               // lost on both paths
                    byte[] p = rtp(seq, 42);
                    sender.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), base));
                    sender.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), base + 1));
                }
            }
            List<Integer> seqs = new ArrayList<>();
            while (seqs.size() < 9) {
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                out.receive(p);
                seqs.add(ByteBuffer.wrap(p.getData()).getShort(2) & 0xFFFF);
            }
            assertThat(seqs).containsExactly(0, 1, 2, 3, 4, 6, 7, 8, 9);
        }
    }

    @Test
    void failoverMovesToTheBackupWhenThePrimaryStops() throws Exception {
        Flow flow = gateway.create(flow("{\"State\": \"ENABLED\", \"FailoverMode\": \"FAILOVER\", "
                + "\"SourcePriority\": {\"PrimarySource\": \"a\"}}", "rtp"));
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 2));
             DatagramSocket sender = new DatagramSocket()) {
            out.setReceiveBufferSize(4 << 20);
            out.setSoTimeout(5000);
            assertThat(flow.start().await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 10; i++) {                                  // both deliver: only a goes out
                byte[] a = rtp(i, 1);
                byte[] b = rtp(1000 + i, 2);
                sender.send(new DatagramPacket(a, a.length, InetAddress.getLoopbackAddress(), base));
                sender.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), base + 1));
                Thread.sleep(10);
            }
            for (int i = 10; i < 100; i++) {                                // a stops; b goes on for ~0.9 s
                byte[] b = rtp(1000 + i, 2);
                sender.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), base + 1));
                Thread.sleep(10);
            }
            List<Integer> ssrcs = new ArrayList<>();
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                    out.receive(p);
                    int ssrc = ByteBuffer.wrap(p.getData()).getInt(8);
                    if (ssrcs.isEmpty() || ssrcs.getLast() != ssrc) {
                        ssrcs.add(ssrc);
                    }
                }
            } catch (SocketTimeoutException quiet) {
                // the stream ended
            }
            assertThat(ssrcs).as("a, then b after a's 500 ms of silence").containsExactly(1, 2);
        }
    }
}
