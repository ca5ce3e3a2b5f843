package io.sluice.protocols.rist;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The small pieces behind a RIST link's state: liveness, the problem line, and the loop lifecycle. */
class RistLinkBookkeepingTest {
    private static final long S = 1_000_000_000L;
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void aPeerIsConnectedUntilSilentForTheSessionTimeoutAndEachLossIsCounted() {
        RistPeerLiveness liveness = new RistPeerLiveness();
        assertThat(liveness.connected()).isFalse();
        liveness.heard(PEER, 0);
        liveness.check(2 * S);
        assertThat(liveness.connected()).isTrue();
        liveness.check(2 * S + 1);
        assertThat(liveness.connected()).isFalse();
        assertThat(liveness.disconnections()).isEqualTo(1);
        liveness.check(10 * S);
        assertThat(liveness.disconnections()).isEqualTo(1);
        liveness.heard(PEER, 11 * S);
        assertThat(liveness.connected()).isTrue();
        assertThat(RistPeerLiveness.name(liveness.peer())).isEqualTo("127.0.0.1:40000");
    }

    @Test
    void aProblemIsReportedWhileEveryPacketIsRefusedAndNotWhenSomeGetThrough() {
        RistTroubleLog log = new RistTroubleLog("packets");
        assertThat(log.problem(0)).isNull();
        log.refused(RistRefusal.WRONG_KEY, PEER, 1 * S);
        assertThat(log.problem(1 * S)).isEqualTo("packets from 127.0.0.1:40000 do not decrypt: wrong RIST secret?");
        log.accepted(2 * S); // a good stream next to stray garbage: counted, not reported
        log.refused(RistRefusal.WRONG_KEY, PEER, 2 * S);
        assertThat(log.problem(3 * S)).isNull();
        log.refused(RistRefusal.CLEAR_WITH_KEY, PEER, 4 * S + 1); // the good packets stopped a session timeout ago
        assertThat(log.problem(4 * S + 1)).isEqualTo("packets from 127.0.0.1:40000 are not encrypted, but a RIST key "
                + "is configured here: give the peer the same secret");
        assertThat(log.problem(6 * S + 2)).as("the refusals stopped too: nothing to say any more").isNull();
    }

    @Test
    void closeRunsOnTheLoopOnceAfterTheLastTickFromAnyThread() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
        try {
            EventLoop loop = group.next();
            AtomicInteger ticks = new AtomicInteger();
            AtomicInteger releases = new AtomicInteger();
            CountDownLatch ticked = new CountDownLatch(3);
            RistLoopLifecycle lifecycle = new RistLoopLifecycle(1_000_000L, () -> {
                ticks.incrementAndGet();
                ticked.countDown();
            }, () -> {
                assertThat(loop.inEventLoop()).isTrue();
                releases.incrementAndGet();
            });
            lifecycle.close(); // before attach: nothing to do
            lifecycle.attach(loop);
            loop.execute(lifecycle::startTicking);
            assertThat(ticked.await(5, TimeUnit.SECONDS)).isTrue();
            lifecycle.close();
            lifecycle.close();
            int afterClose = ticks.get();
            Thread.sleep(20);
            assertThat(ticks.get()).isEqualTo(afterClose);
            assertThat(releases.get()).isEqualTo(1);
            assertThat(loop.submit(lifecycle::closed).get()).isTrue();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
