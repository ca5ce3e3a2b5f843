package io.sluice.bench.load;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends {@link LoadPacket}s to one address at a steady rate from the calling thread.
 * Pacing: after each wake-up it sends every packet that is due by now, then parks until the next one is due but at
 * least ~50 µs (Linux's default timer slack), so at 1 Gbit/s packets leave in bursts of about eight; at lower rates
 * one by one. The send time stamped in
 * each packet is taken just before its own {@code write}, so bursts do not inflate measured latency; it is
 * {@code CLOCK_REALTIME}, the clock the kernel stamps arrivals with at the receiver ({@link FanOutReceiver}).
 * No allocation per packet: one direct buffer is re-stamped.
 */
public final class PacedSender implements AutoCloseable {
    private static final long MIN_PARK_NS = 50_000;
    private static final long MAX_PARK_NS = 1_000_000;
    private final DatagramChannel channel;
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(LoadPacket.DATAGRAM_BYTES);
    private final MemorySegment timespec = Arena.ofAuto().allocate(16, 8);
    private long nextSequence;
    private long refused;

    /** Opens a socket connected to {@code target} (a connected socket sends without a per-packet address). */
    public PacedSender(InetSocketAddress target) {
        LinuxSockets.requireAvailable();
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.connect(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket to " + target, e);
        }
        LoadPacket.initialise(datagram);
    }

    /** The sequence number the next packet will carry (sequence numbers never repeat across calls). */
    public long nextSequence() {
        return nextSequence;
    }

    /** Datagrams the kernel refused because nothing listened at the target yet (ICMP port unreachable). */
    public long refused() {
        return refused;
    }

    /**
     * Sends at {@code packetsPerSecond} for {@code durationNs}, blocking the caller, and returns how many packets
     * were sent (fewer than asked when this thread cannot keep up: the caller compares, see {@link StepResult}).
     */
    public long send(double packetsPerSecond, long durationNs) {
        long startNs = System.nanoTime();
        long target = (long) (packetsPerSecond * durationNs / 1e9);
        long sent = 0;
        while (sent < target) {
            long nowNs = System.nanoTime();
            long elapsedNs = nowNs - startNs;
            if (elapsedNs >= durationNs + 1_000_000_000L) {
                break; // more than a second behind: this machine cannot send that fast, report what went out
            }
            long due = Math.min(target, (long) (packetsPerSecond * elapsedNs / 1e9) + 1);
            while (sent < due) {
                sendOne();
                sent++;
            }
            // Sleep until the next packet is due (at least the timer slack, at most 1 ms), so a slow stream does
            // not spin a core the gateway and receiver need.
            long nextDueNs = startNs + (long) (sent * 1e9 / packetsPerSecond);
            LockSupport.parkNanos(Math.clamp(nextDueNs - System.nanoTime(), MIN_PARK_NS, MAX_PARK_NS));
        }
        return sent;
    }

    private void sendOne() {
        LoadPacket.stamp(datagram, nextSequence++, LinuxSockets.realtimeNs(timespec));
        try {
            channel.write(datagram);
        } catch (PortUnreachableException e) {
            refused++;
        } catch (IOException e) {
            throw new UncheckedIOException("sending a load packet failed", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
