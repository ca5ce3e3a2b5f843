package io.sluice.gateway.testing;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/** Reading back what the send-path tests put on loopback, and the bytes they expect to find. */
public final class LoopbackDatagrams {
    private LoopbackDatagrams() {
    }

    /** Up to {@code count} datagrams from {@code receiver}, waiting at most 5 s for them. */
    public static List<byte[]> receive(DatagramChannel receiver, int count) throws Exception {
        List<byte[]> got = new ArrayList<>();
        receiver.configureBlocking(false);
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.size() < count && System.nanoTime() - deadline < 0) {
            buffer.clear();
            if (receiver.receive(buffer) == null) {
                Thread.sleep(5);
                continue;
            }
            buffer.flip();
            byte[] datagram = new byte[buffer.remaining()];
            buffer.get(datagram);
            got.add(datagram);
        }
        return got;
    }

    /** The readable bytes of {@code packet}, its indexes untouched. */
    public static byte[] bytes(ByteBuf packet) {
        byte[] out = new byte[packet.readableBytes()];
        packet.getBytes(packet.readerIndex(), out);
        return out;
    }
}
