package io.sluice.protocols.mpegts;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContinuityPropertiesTest {

    /**
     * Whatever packets are lost, each run of consecutive losses is one error, unless it is a multiple of 16 long
     * (the counter comes round to what was expected) or 15 more than one (the next packet repeats the last counter and
     * passes for the one allowed duplicate: the monitor does not keep packet contents to tell them apart).
     */
    @Property(tries = 300)
    void everyGapOfLostPacketsIsOneContinuityError(@ForAll @Size(min = 50, max = 400) List<Boolean> lost) {
        TsTestStream stream = new TsTestStream();
        TsMonitor monitor = new TsMonitor();
        byte[] datagram = new byte[188];
        long expected = 0;
        int run = 0;
        boolean sentAny = false;
        for (int i = 0; i < lost.size(); i++) {
            byte[] packet = stream.esPacket(0x100, false, -1);
            if (lost.get(i)) {
                run++;
                continue;
            }
            if (sentAny && run % 16 != 0 && run % 16 != 15) {
                expected++;
            }
            run = 0;
            sentAny = true;
            System.arraycopy(packet, 0, datagram, 0, 188);
            TsMonitorTest.feedTo(monitor, datagram, i * 1_000_000L);
        }
        assertThat(monitor.health().continuityErrors()).isEqualTo(expected);
    }

    @Property(tries = 100)
    void aSectionWithItsCrcChecksToZero(@ForAll @Size(max = 1000) byte[] body) {
        byte[] section = TsTestStream.longSection(0x42, 1, body);
        assertThat(Crc32Mpeg2.compute(section, 0, section.length)).isZero();
    }

    @Property(tries = 10)
    void theCrcMatchesTheCatalogueCheckValue(@ForAll boolean viaByteBuf) {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);   // CRC-32/MPEG-2 check = 0x0376E6E7
        int crc = viaByteBuf
                ? Crc32Mpeg2.compute(io.netty.buffer.Unpooled.wrappedBuffer(check), 0, check.length)
                : Crc32Mpeg2.compute(check, 0, check.length);
        assertThat(crc).isEqualTo(0x0376E6E7);
    }
}
