package io.sluice.gateway.metrics;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.sluice.gateway.flow.SourceCounters;
import io.sluice.gateway.http.HttpServer;
import io.sluice.protocols.mpegts.TsMonitor;
import io.sluice.testing.FreePorts;
import io.sluice.testing.PeerProcess;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live ffmpeg stream into a UDP channel on one event loop (as a flow's source), counted by {@link SourceCounters}
 * and watched by a {@link TsMonitor} on that loop, with one sync byte corrupted on arrival; {@code GET /metrics}
 * must then show the MediaConnect names, the flow and source labels, the packets that arrived, one TSByteError and
 * the one continuity error the discarded packet causes.
 */
class MetricsScrapeIT {

    @Test
    void scrapedFiguresMatchTheTrafficSent() throws Exception {
        int port = FreePorts.udpBlock();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoop loop = group.next();
        SourceCounters counters = new SourceCounters();
        TsMonitor monitor = new TsMonitor();
        long[] datagramsSeen = new long[1];
        boolean[] corrupted = new boolean[1];
        try {
            Channel channel = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 4 << 20)              // no kernel drops: they would add CC errors
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            ByteBuf ts = packet.content();
                            long now = System.nanoTime();
                            datagramsSeen[0]++;
                            if (!corrupted[0] && datagramsSeen[0] > 200) {
                                corrupted[0] = corruptOneVideoSyncByte(ts);
                            }
                            counters.onPacket(ts.readableBytes(), now);
                            monitor.onDatagram(ts, ts.readerIndex(), ts.readableBytes(), now);
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            FlowHealthProvider provider = () -> {
                try {
                    return List.of(loop.submit(() -> new FlowHealth("it-flow", "ACTIVE", true,
                            List.of(new FlowHealth.Source("primary", "udp", true, true, 0,
                                    counters.snapshot(System.nanoTime()), monitor.health())), List.of()))
                            .get(5, TimeUnit.SECONDS));
                } catch (Exception e) {
                    throw new IllegalStateException("flow it-flow did not answer", e);
                }
            };
            try (PeerProcess ffmpeg = PeerProcess.start(Duration.ofSeconds(30), "ffmpeg", "-hide_banner", "-nostdin",
                    "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25", "-t", "3",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-b:v", "2M", "-g", "25",
                    "-pix_fmt", "yuv420p", "-flush_packets", "0", "-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316");
                 HttpServer http = new HttpServer(List.of(new MetricsEndpoint(new FlowMetrics(provider))))) {
                assertThat(ffmpeg.waitFor(Duration.ofSeconds(25))).as("ffmpeg: %s", ffmpeg.log()).isZero();
                long sent = -1;
                for (int i = 0; i < 50 && sent != datagramsSeen(loop, datagramsSeen); i++) {
                    sent = datagramsSeen(loop, datagramsSeen);
                    Thread.sleep(200);                     // until the socket has drained
                }
                int httpPort = http.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
                String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();

                assertThat(sent).isGreaterThan(300);
                assertThat(corrupted[0]).isTrue();
                String labels = "{flow=\"it-flow\",source=\"primary\"} ";
                assertThat(body).contains("SourceTotalPackets_total" + labels + sent + ".0");
                assertThat(body).contains("SourceTSByteError_total" + labels + "1.0");
                assertThat(body).contains("SourceContinuityCounter_total" + labels + "1.0");
                assertThat(body).contains("SourceTSSyncLoss_total" + labels + "0.0");
                assertThat(body).contains("SourceTransportError_total" + labels + "0.0");
                assertThat(body).contains("SourceCRCError_total" + labels + "0.0");
                assertThat(body).contains("TotalPackets_total{flow=\"it-flow\"} " + sent + ".0");
                for (String name : List.of("SourceBitRate", "SourcePATError_total", "SourcePMTError_total",
                        "SourcePIDError_total", "SourcePCRError_total", "SourceCATError_total", "SourceDroppedPackets_total",
                        "SourcePacketLossPercent", "SourceConnected", "SourceSelected", "SluiceFlowActive")) {
                    assertThat(body).contains(name + "{flow=\"it-flow\"");
                }
            }
            channel.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static long datagramsSeen(EventLoop loop, long[] seen) throws Exception {
        return loop.submit(() -> seen[0]).get(5, TimeUnit.SECONDS);
    }

    /** Spoils the sync byte of the first payload-carrying video packet (PID 0x100) in the datagram, if any. */
    private static boolean corruptOneVideoSyncByte(ByteBuf ts) {
        for (int p = ts.readerIndex(); p + 188 <= ts.writerIndex(); p += 188) {
            int pid = ((ts.getByte(p + 1) & 0x1F) << 8) | (ts.getByte(p + 2) & 0xFF);
            if (ts.getByte(p) == 0x47 && pid == 0x100 && (ts.getByte(p + 3) & 0x10) != 0) {
                ts.setByte(p, 0x00);
                return true;
            }
        }
        return false;
    }
}
