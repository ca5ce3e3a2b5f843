package io.sluice.protocols.fec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sluice.protocols.rtp.RtpView;
import io.sluice.testing.FreePorts;
import io.sluice.testing.LossRelay;
import io.sluice.testing.PeerProcess;
import io.sluice.testing.UdpRecorder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Our encoder read by GStreamer's rtpst2022-1-fecdec through a loss relay: every dropped media packet comes out of
 * GStreamer rebuilt, identical to what we sent. GStreamer's output has duplicates and reordering (protocols.md §2.5),
 * so the test compares unique sequence numbers. GStreamer's 2022-1 elements assume media SSRC 0 (its encoder refuses
 * anything else and its decoder writes SSRC 0 into rebuilt packets), so the media here has SSRC 0.
 *
 * <pre>
 * FecEncoder --media--> LossRelay (drops) --> gst P ; --column--> gst P+2 ; --row--> gst P+4 ; gst --> receiver
 * </pre>
 */
class GstreamerFecDecIT {
    private static final int PACKETS = 1500;
    private static final FecMatrix MATRIX = new FecMatrix(10, 10, true, 96);

    static boolean dropped(long index) {
        if (index < 100 || index >= PACKETS - 300) {
            return false;
        }
        return index % 37 == 5 || (index >= 520 && index < 530);   // single losses, and one burst of L
    }

    @Test
    void gstreamerRecoversTheLossesFromOurFec() throws Exception {
        int gstPort = FreePorts.udpBlock();
        int relayPort = FreePorts.udpBlock();
        int outPort = FreePorts.udpBlock();
        Map<Integer, byte[]> sent = new TreeMap<>();
        Map<Integer, byte[]> received = new TreeMap<>();
        try (UdpRecorder sink = new UdpRecorder(outPort);
             PeerProcess gst = PeerProcess.start(Duration.ofSeconds(40), "gst-launch-1.0", "-q",
                     "rtpst2022-1-fecdec", "name=dec", "size-time=1000000000",
                     "udpsrc", "address=127.0.0.1", "port=" + (gstPort + 2), "caps=application/x-rtp,payload=96",
                     "!", "queue", "!", "dec.fec_0",
                     "udpsrc", "address=127.0.0.1", "port=" + (gstPort + 4), "caps=application/x-rtp,payload=96",
                     "!", "queue", "!", "dec.fec_1",
                     "udpsrc", "address=127.0.0.1", "port=" + gstPort,
                     "caps=application/x-rtp,media=video,clock-rate=90000,encoding-name=MP2T,payload=33",
                     "!", "queue", "!", "dec.sink",
                     "dec.src", "!", "udpsink", "host=127.0.0.1", "port=" + outPort, "sync=false", "async=false");
             LossRelay relay = new LossRelay(relayPort, gstPort, GstreamerFecDecIT::dropped)) {
            FreePorts.awaitTakenByPeer(gstPort, gstPort + 2, gstPort + 4);

            try (DatagramSocket out = new DatagramSocket();
                 FecEncoder encoder = new FecEncoder(MATRIX, FecTestStream.ALLOCATOR, new Sender(out, gstPort), 7, 9)) {
                Random random = new Random(42);
                for (int i = 0; i < PACKETS; i++) {
                    byte[] packet = new byte[1328];
                    ByteBuf header = Unpooled.wrappedBuffer(packet).writerIndex(0);
                    RtpView.writeHeader(header, false, RtpView.PAYLOAD_TYPE_MP2T, (60000 + i) & 0xFFFF, 3000L * i, 0);
                    for (int b = 12; b < packet.length; b += 188) {
                        packet[b] = 0x47;
                        for (int k = 1; k < 188; k++) {
                            packet[b + k] = (byte) random.nextInt(256);
                        }
                    }
                    sent.put((60000 + i) & 0xFFFF, packet);
                    out.send(new DatagramPacket(packet, packet.length,
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), relayPort)));
                    encoder.encode(Unpooled.wrappedBuffer(packet));       // media first, then its FEC
                    LockSupport.parkNanos(2_000_000);
                }
            }
            sink.awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(15));     // GStreamer drained its window
            for (byte[] packet : sink.packets()) {
                received.putIfAbsent(((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF), packet);
            }
            long drops = relay.dropped();
            assertThat(drops).isEqualTo(countDrops());
            assertThat(received.keySet()).as("unique sequence numbers out of GStreamer (%d dropped)", drops)
                    .containsExactlyInAnyOrderElementsOf(sent.keySet());
            for (Map.Entry<Integer, byte[]> e : received.entrySet()) {
                assertThat(e.getValue()).as("packet %d", e.getKey()).isEqualTo(sent.get(e.getKey()));
            }
        }
    }

    private static long countDrops() {
        long n = 0;
        for (int i = 0; i < PACKETS; i++) {
            n += dropped(i) ? 1 : 0;
        }
        return n;
    }

    /** Sends our FEC to P+2 (column) and P+4 (row), straight to GStreamer. */
    private record Sender(DatagramSocket socket, int port) implements FecSink {
        @Override
        public void onColumnFec(ByteBuf fec) {
            send(fec, port + 2);
        }

        @Override
        public void onRowFec(ByteBuf fec) {
            send(fec, port + 4);
        }

        private void send(ByteBuf fec, int to) {
            byte[] bytes = FecTestStream.drain(fec);
            try {
                socket.send(new DatagramPacket(bytes, bytes.length,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), to)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
