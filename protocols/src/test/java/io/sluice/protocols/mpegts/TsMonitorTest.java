package io.sluice.protocols.mpegts;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.sluice.protocols.mpegts.TsTestStream.AUDIO_PID;
import static io.sluice.protocols.mpegts.TsTestStream.PMT_PID;
import static io.sluice.protocols.mpegts.TsTestStream.VIDEO_PID;
import static org.assertj.core.api.Assertions.assertThat;

class TsMonitorTest {
    private static final TsHealth ZERO_ERRORS = new TsHealth(0, 0, true, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final TsTestStream stream = new TsTestStream();
    private final TsMonitor monitor = new TsMonitor();

    @Test
    void aCleanStreamCountsNoErrorAndDescribesItsProgram() {
        List<TsTestStream.Datagram> timeline = stream.timeline(300);
        feed(timeline);
        TsHealth health = monitor.health();
        assertThat(errorsOf(health)).isEqualTo(ZERO_ERRORS);
        assertThat(health.tsPackets()).isEqualTo(300L * 7 + countExtraPackets(timeline));

        TransportInfo info = monitor.describe();
        assertThat(info.transportStreamId()).isEqualTo(1);
        assertThat(info.programs()).containsExactly(new TransportInfo.Program(1, PMT_PID, VIDEO_PID, "Sluice Test", List.of(
                new TransportInfo.Stream(VIDEO_PID, 0x1B, "video", "h264"),
                new TransportInfo.Stream(AUDIO_PID, 0x0F, "audio", "aac"))));
        assertThat(info.lastChangeNs()).isZero();     // PAT, PMT and SDT arrived at t=0 and never changed
    }

    @Test
    void readsPacketsBehindAnRtpHeaderWithoutMovingTheBuffer() {
        for (TsTestStream.Datagram d : stream.timeline(20)) {
            byte[] ts = d.bytes();
            ByteBuf rtp = Unpooled.buffer(12 + ts.length).writeZero(12).writeBytes(ts);
            monitor.onDatagram(rtp, 12, ts.length, d.timeNs());
            assertThat(rtp.readerIndex()).isZero();
            rtp.release();
        }
        assertThat(errorsOf(monitor.health())).isEqualTo(ZERO_ERRORS);
        assertThat(monitor.describe().programs()).hasSize(1);
    }

    @Test
    void oneCorruptedSyncByteIsOneSyncByteErrorAndTheLostPacketOneContinuityError() {
        List<TsTestStream.Datagram> timeline = stream.timeline(100);
        byte[] video = timeline.get(50).packets().get(6);
        assertThat(pidOf(video)).isEqualTo(VIDEO_PID);
        video[0] = 0x00;
        feed(timeline);
        TsHealth health = monitor.health();
        assertThat(health.syncByteErrors()).isEqualTo(1);
        assertThat(health.syncLosses()).isZero();
        assertThat(health.continuityErrors()).isEqualTo(1);
        assertThat(health.inSync()).isTrue();
        assertThat(health.priority2Errors()).isZero();
    }

    @Test
    void twoConsecutiveBadSyncBytesLoseSyncAndFiveGoodOnesRegainIt() {
        List<TsTestStream.Datagram> timeline = stream.timeline(100);
        List<byte[]> packets = timeline.get(50).packets();
        packets.get(3)[0] = 0x00;
        packets.get(4)[0] = 0x00;
        packets.get(5)[0] = 0x00;                 // not counted: sync is already lost
        feed(timeline.subList(0, 51));
        assertThat(monitor.health().inSync()).isFalse();
        feed(timeline.subList(51, 100));
        TsHealth health = monitor.health();
        assertThat(health.syncByteErrors()).isEqualTo(2);
        assertThat(health.syncLosses()).isEqualTo(1);
        assertThat(health.inSync()).isTrue();
    }

    @Test
    void aContinuityJumpIsOneErrorAndDroppedPacketsOnePerGap() {
        List<TsTestStream.Datagram> timeline = stream.timeline(100);
        timeline.get(30).packets().remove(4);                 // one video packet lost
        timeline.get(60).packets().remove(4);                 // two gaps on the video PID
        timeline.get(60).packets().remove(4);                 // (adjacent losses are one gap)
        feed(timeline);
        assertThat(monitor.health().continuityErrors()).isEqualTo(2);
        assertThat(monitor.health().malformedDatagrams()).isZero();
    }

    @Test
    void oneDuplicateIsAllowedButAThirdCopyIsAnError() {
        List<TsTestStream.Datagram> timeline = stream.timeline(100);
        List<byte[]> packets = timeline.get(30).packets();
        packets.add(5, packets.get(4).clone());
        feed(timeline.subList(0, 31));
        assertThat(monitor.health().continuityErrors()).isZero();
        List<byte[]> later = timeline.get(60).packets();
        later.add(5, later.get(4).clone());
        later.add(5, later.get(4).clone());
        feed(timeline.subList(31, 100));
        assertThat(monitor.health().continuityErrors()).isEqualTo(1);
    }

    @Test
    void theDiscontinuityIndicatorAcceptsAnyCounter() {
        feed(stream.timeline(10));
        long pcr = 123_456_789L;
        byte[] jump = stream.pcrOnlyPacket(VIDEO_PID, pcr, true);
        jump[3] = (byte) ((jump[3] & 0xF0) | ((jump[3] + 7) & 0x0F));
        feedPackets(List.of(jump), 100 * TsTestStream.TICK_NS);
        TsHealth health = monitor.health();
        assertThat(health.continuityErrors()).isZero();
        assertThat(health.pcrDiscontinuityErrors()).isZero();
    }

    @Test
    void aPatMissingForMoreThanHalfASecondIsOnePatErrorAtTheDeadline() {
        stream.patGapFromTick = 10;               // PATs at 0 ms, then none until 1000 ms
        stream.patGapToTick = 100;
        List<TsTestStream.Datagram> timeline = stream.timeline(200);
        feed(timeline.subList(0, 51));            // up to 500 ms: exactly 0.5 s since the last PAT
        assertThat(monitor.health().patErrors()).isZero();
        feedPackets(List.of(TsTestStream.nullPacket()), 500_000_001L);
        assertThat(monitor.health().patErrors()).isEqualTo(1);
        feed(timeline.subList(51, 200));          // one absence is one error, however long
        TsHealth health = monitor.health();
        assertThat(health.patErrors()).isEqualTo(1);
        assertThat(health.continuityErrors()).isZero();
        assertThat(health.pmtErrors()).isZero();
    }

    @Test
    void aPatMissingFromTheStartIsAPatError() {
        stream.patGapFromTick = 0;
        stream.patGapToTick = 1000;
        feed(stream.timeline(100));
        assertThat(monitor.health().patErrors()).isEqualTo(1);
        assertThat(monitor.describe().programs()).isEmpty();
    }

    @Test
    void anotherTableOnPid0IsAPatError() {
        feed(stream.timeline(10));
        byte[] notPat = TsTestStream.longSection(0x02, 1, new byte[] {(byte) 0xE1, 0, (byte) 0xF0, 0});
        feedPackets(stream.sectionPackets(0, notPat), 100_000_000L);
        assertThat(monitor.health().patErrors()).isEqualTo(1);
        assertThat(monitor.health().crcErrors()).isZero();
    }

    @Test
    void aBadPmtCrcIsOneCrcErrorAndNothingElse() {
        List<TsTestStream.Datagram> timeline = stream.timeline(200);
        byte[] pmtPacket = timeline.get(50).packets().get(1);
        assertThat(pidOf(pmtPacket)).isEqualTo(PMT_PID);
        int sectionEnd = 5 + 3 + ((pmtPacket[6] & 0x0F) << 8 | (pmtPacket[7] & 0xFF));
        pmtPacket[sectionEnd - 1] ^= 0x01;        // last byte of CRC_32
        feed(timeline);
        TsHealth health = monitor.health();
        assertThat(health.crcErrors()).isEqualTo(1);
        assertThat(health.pmtErrors()).isZero();  // the next PMT comes 100 ms later, well within 0.5 s
        assertThat(health.priority1Errors()).isZero();
    }

    @Test
    void aPmtMissingForMoreThanHalfASecondIsOnePmtError() {
        stream.pmtGapFromTick = 20;
        stream.pmtGapToTick = 100;
        feed(stream.timeline(200));
        TsHealth health = monitor.health();
        assertThat(health.pmtErrors()).isEqualTo(1);
        assertThat(health.patErrors()).isZero();
    }

    @Test
    void aReferencedPidAbsentLongerThanTheTimeoutIsOnePidError() {
        TsMonitor shortTimeout = new TsMonitor(1_000_000_000L);
        stream.audioGapFromTick = 100;            // audio last seen at 990 ms, back at 2500 ms
        stream.audioGapToTick = 250;
        for (TsTestStream.Datagram d : stream.timeline(400)) {
            feedTo(shortTimeout, d.bytes(), d.timeNs());
        }
        TsHealth health = shortTimeout.health();
        assertThat(health.pidErrors()).isEqualTo(1);
        assertThat(health.continuityErrors()).isZero();
    }

    @Test
    void theTransportErrorIndicatorIsCountedAndThePacketIgnored() {
        List<TsTestStream.Datagram> timeline = stream.timeline(50);
        byte[] packet = timeline.get(20).packets().get(6);
        packet[1] |= (byte) 0x80;
        feed(timeline);
        assertThat(monitor.health().transportErrors()).isEqualTo(1);
        assertThat(monitor.health().continuityErrors()).isEqualTo(1);   // its payload is lost to a demultiplexer
    }

    @Test
    void pcrsMoreThan100MsApartAreARepetitionErrorAndAJumpADiscontinuityError() {
        feed(stream.timeline(10));                // last PCR at 80 ms
        feedPackets(List.of(stream.pcrOnlyPacket(VIDEO_PID, 181_000_000L * 27 / 1000, false)), 180_000_001L);
        assertThat(monitor.health().pcrRepetitionErrors()).isEqualTo(1);
        assertThat(monitor.health().pcrDiscontinuityErrors()).isEqualTo(1);
        feedPackets(List.of(stream.pcrOnlyPacket(VIDEO_PID, 170_000_000L * 27 / 1000, false)), 190_000_000L);
        assertThat(monitor.health().pcrDiscontinuityErrors()).isEqualTo(2);    // backwards
        assertThat(monitor.health().pcrRepetitionErrors()).isEqualTo(1);
        assertThat(monitor.health().pcrErrors()).isEqualTo(3);
    }

    @Test
    void aPcrAcrossThe33BitWrapIsNoDiscontinuity() {
        feed(stream.timeline(1));
        long modulus = (1L << 33) * 300;
        feedPackets(List.of(stream.pcrOnlyPacket(VIDEO_PID, modulus - 27_000, true)), 10_000_000L);
        feedPackets(List.of(stream.pcrOnlyPacket(VIDEO_PID, 27_000, false)), 12_000_000L);
        assertThat(monitor.health().pcrErrors()).isZero();
    }

    @Test
    void aPmtSpanningPacketsAndPrivateStreamsAreDescribed() {
        int[] ac3 = {0x06, 0x102, 0x6A, 1, 0};
        int[] scte = {0x86, 0x103};
        List<int[]> many = new ArrayList<>(List.of(new int[] {0x24, 0x100}, ac3, scte));
        for (int pid = 0x110; pid < 0x110 + 40; pid++) {
            many.add(new int[] {0x06, pid, 0x59, 0});   // DVB subtitles: 40 x 7 bytes push the PMT past one packet
        }
        byte[] pmt = TsTestStream.pmtSection(7, 0x100, many.toArray(int[][]::new));
        assertThat(pmt.length).isGreaterThan(183);
        List<byte[]> packets = new ArrayList<>(stream.sectionPackets(0, TsTestStream.patSection(9, new int[] {7, 0x200})));
        packets.addAll(stream.sectionPackets(0x200, pmt));
        feedPackets(packets, 0);
        TransportInfo info = monitor.describe();
        assertThat(info.transportStreamId()).isEqualTo(9);
        TransportInfo.Program program = info.programs().getFirst();
        assertThat(program.programNumber()).isEqualTo(7);
        assertThat(program.pmtPid()).isEqualTo(0x200);
        assertThat(program.name()).isNull();
        assertThat(program.streams()).hasSize(43);
        assertThat(program.streams().subList(0, 4)).extracting(TransportInfo.Stream::codec)
                .containsExactly("hevc", "ac3", "scte35", "dvb_subtitle");
        assertThat(program.streams().subList(0, 4)).extracting(TransportInfo.Stream::kind)
                .containsExactly("video", "audio", "data", "data");
        assertThat(monitor.health().crcErrors()).isZero();
    }

    @Test
    void twoSectionsInOnePacketAreBothRead() {
        byte[] pat = TsTestStream.patSection(1, new int[] {1, 0x300});
        byte[] bad = TsTestStream.patSection(1, new int[] {1, 0x301});
        bad[bad.length - 1] ^= 0x40;
        byte[] both = new byte[pat.length + bad.length];
        System.arraycopy(pat, 0, both, 0, pat.length);
        System.arraycopy(bad, 0, both, pat.length, bad.length);
        feedPackets(stream.sectionPackets(0, both), 0);
        assertThat(monitor.describe().programs()).extracting(TransportInfo.Program::pmtPid).containsExactly(0x300);
        assertThat(monitor.health().crcErrors()).isEqualTo(1);
    }

    @Test
    void aTableChangeIsSeenAndTimestamped() {
        feed(stream.timeline(10));
        byte[] pmt = TsTestStream.pmtSection(1, VIDEO_PID, new int[] {0x02, VIDEO_PID});
        feedPackets(stream.sectionPackets(PMT_PID, pmt), 150_000_000L);
        assertThat(monitor.lastTableChangeNs()).isEqualTo(150_000_000L);
        assertThat(monitor.describe().programs().getFirst().streams())
                .containsExactly(new TransportInfo.Stream(VIDEO_PID, 0x02, "video", "mpeg2video"));
    }

    @Test
    void aDatagramThatIsNotWholePacketsIsCountedAndItsWholePacketsRead() {
        byte[] partial = new byte[188 * 2 + 100];
        System.arraycopy(TsTestStream.nullPacket(), 0, partial, 0, 188);
        System.arraycopy(TsTestStream.nullPacket(), 0, partial, 188, 188);
        feedTo(monitor, partial, 0);
        assertThat(monitor.health().malformedDatagrams()).isEqualTo(1);
        assertThat(monitor.health().tsPackets()).isEqualTo(2);
    }

    @Test
    void scrambledPacketsWithoutACatAreOneCatError() {
        feed(stream.timeline(10));
        byte[] scrambled = stream.esPacket(AUDIO_PID, false, -1);
        scrambled[3] |= (byte) 0x80;
        feedPackets(List.of(scrambled, scrambled.clone()), 100_000_000L);
        assertThat(monitor.health().catErrors()).isEqualTo(1);
    }

    private void feed(List<TsTestStream.Datagram> timeline) {
        for (TsTestStream.Datagram d : timeline) {
            feedTo(monitor, d.bytes(), d.timeNs());
        }
    }

    private void feedPackets(List<byte[]> packets, long timeNs) {
        feedTo(monitor, new TsTestStream.Datagram(timeNs, new ArrayList<>(packets)).bytes(), timeNs);
    }

    static void feedTo(TsMonitor target, byte[] bytes, long timeNs) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            target.onDatagram(buf, buf.readerIndex(), buf.readableBytes(), timeNs);
        } finally {
            buf.release();
        }
    }

    private static int pidOf(byte[] packet) {
        return ((packet[1] & 0x1F) << 8) | (packet[2] & 0xFF);
    }

    private static long countExtraPackets(List<TsTestStream.Datagram> timeline) {
        return timeline.stream().mapToLong(d -> d.packets().size() - 7).sum();
    }

    /** The health with the traffic figures zeroed, so one comparison shows every error counter. */
    private static TsHealth errorsOf(TsHealth h) {
        return new TsHealth(0, h.malformedDatagrams(), h.inSync(), h.syncLosses(), h.syncByteErrors(), h.patErrors(),
                h.continuityErrors(), h.pmtErrors(), h.pidErrors(), h.transportErrors(), h.crcErrors(),
                h.pcrRepetitionErrors(), h.pcrDiscontinuityErrors(), h.catErrors());
    }
}
