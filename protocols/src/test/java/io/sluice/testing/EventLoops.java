package io.sluice.testing;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A NIO event loop group shared by a test class's tests: register it with
 * {@code @RegisterExtension static final EventLoops loops = new EventLoops(n)} and take a loop with {@link #next()}.
 * It starts before the class's first test and shuts down (no quiet period) after its last one.
 */
public final class EventLoops implements BeforeAllCallback, AfterAllCallback {
    private final int threads;
    private MultiThreadIoEventLoopGroup group;

    public EventLoops(int threads) {
        this.threads = threads;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }

    /** The next loop of the group, round robin. */
    public EventLoop next() {
        return group.next();
    }
}
