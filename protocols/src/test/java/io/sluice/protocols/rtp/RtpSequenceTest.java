package io.sluice.protocols.rtp;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtpSequenceTest {

    @Test
    void diffIsWrapSafe() {
        assertThat(RtpSequence.diff(0, 65535)).isEqualTo(1);
        assertThat(RtpSequence.diff(65535, 0)).isEqualTo(-1);
        assertThat(RtpSequence.diff(10, 10)).isZero();
        assertThat(RtpSequence.diff(32767, 0)).isEqualTo(32767);
        assertThat(RtpSequence.diff(32768, 0)).isEqualTo(-32768);
    }

    @Property
    void extendRecoversTheExtendedValueWithinHalfTheSpace(@ForAll @LongRange(min = 40_000, max = 1L << 40) long reference,
                                                         @ForAll @IntRange(min = -32768, max = 32767) int delta) {
        long actual = reference + delta;
        assertThat(RtpSequence.extend(RtpSequence.low16(actual), reference)).isEqualTo(actual);
    }
}
