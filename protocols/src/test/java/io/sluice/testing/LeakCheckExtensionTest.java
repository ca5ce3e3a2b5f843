package io.sluice.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeakCheckExtensionTest {

    @Test
    void failsWhenABufferIsCollectedWithoutRelease() throws Exception {
        LeakCheckExtension.check("before");                 // start clean
        leakOneBuffer();
        assertThatThrownBy(() -> LeakCheckExtension.check("leaky test"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LEAK")
                .hasMessageContaining("leaky test");
    }

    @Test
    void passesWhenEveryBufferIsReleased() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buf.writeLong(42);
        buf.release();
        assertThatCode(() -> LeakCheckExtension.check("clean test")).doesNotThrowAnyException();
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(7);
        // no release: the reference dies here
    }
}
