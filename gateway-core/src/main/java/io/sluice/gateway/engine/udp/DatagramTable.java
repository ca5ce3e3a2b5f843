package io.sluice.gateway.engine.udp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The native description of one read batch of datagrams, built once and sent by every output
 * ({@link UdpBatchSender}): for each datagram an {@code iovec} pointing at the received bytes (no copy), an
 * {@code mmsghdr} for {@code sendmmsg}, and the datagrams grouped into runs for UDP GSO (a {@code msghdr} with a
 * {@code UDP_SEGMENT} control message per run). Two views: whole RTP packets ({@code rtp} outputs) and their
 * payloads without the RTP header ({@code udp} outputs).
 *
 * <p>A GSO run is datagrams of one size, optionally ending with one shorter datagram (the kernel's rule: every
 * segment is {@code gso_size} bytes except the last), at most {@value #MAX_GSO_SEGMENTS} segments and
 * {@value #MAX_GSO_BYTES} bytes (one IP datagram). Every connected output sends the same headers, so per batch the
 * work is one pass over the datagrams, not one per output. Single-threaded (the flow's loop); the memory lives as
 * long as the table (an automatic arena).
 */
public final class DatagramTable {
    /** Datagrams one table describes. */
    public static final int CAPACITY = 64;
    /** Segments per GSO send (the kernel's UDP_MAX_SEGMENTS is 64 before Linux 6.x, 128 after). */
    static final int MAX_GSO_SEGMENTS = 64;
    /** Payload bytes per GSO send: one IPv6 datagram's 65,535 less headers, with room to spare. */
    static final int MAX_GSO_BYTES = 65_000;
    /** View of whole packets. */
    public static final int WHOLE = 0;
    /** View of payloads after the RTP header. */
    public static final int PAYLOAD = 1;

    private final MemorySegment iovecs;              // [view][CAPACITY] iovec
    private final MemorySegment runHeaders;          // [view][CAPACITY] msghdr
    private final MemorySegment controls;            // [view][CAPACITY] cmsghdr with UDP_SEGMENT
    private final MemorySegment[] runSlices;         // preallocated slices of runHeaders: no slice per call
    private final MemorySegment[] mmsgSlices;        // [view][start] the mmsghdr array from datagram start on
    private final int[] lengths = new int[2 * CAPACITY];
    private final int[] runStart = new int[2 * CAPACITY];
    private final int[] runCount = new int[2 * CAPACITY];
    private final int[] runBytes = new int[2 * CAPACITY];
    private final int[] runs = new int[2];
    private final long[] viewBytes = new long[2];
    private int size;
    private boolean sealed;

    public DatagramTable() {
        Arena arena = Arena.ofAuto();
        iovecs = arena.allocate(2 * CAPACITY * UdpSyscalls.IOVEC_BYTES, 8);
        runHeaders = arena.allocate(2 * CAPACITY * UdpSyscalls.MSGHDR_BYTES, 8);
        controls = arena.allocate(2 * CAPACITY * UdpSyscalls.CMSG_BYTES, 8);
        MemorySegment mmsgs = arena.allocate(2 * CAPACITY * UdpSyscalls.MMSGHDR_BYTES, 8);
        runSlices = new MemorySegment[2 * CAPACITY];
        mmsgSlices = new MemorySegment[2 * CAPACITY];
        for (int slot = 0; slot < 2 * CAPACITY; slot++) {
            runSlices[slot] = runHeaders.asSlice(slot * UdpSyscalls.MSGHDR_BYTES, UdpSyscalls.MSGHDR_BYTES);
            long mmsg = slot * UdpSyscalls.MMSGHDR_BYTES;
            // mmsghdr i always sends iovec i alone, so it is written once here; only the iovecs change per batch
            mmsgs.set(JAVA_LONG, mmsg + UdpSyscalls.MSG_IOV, iovecs.address() + slot * UdpSyscalls.IOVEC_BYTES);
            mmsgs.set(JAVA_LONG, mmsg + UdpSyscalls.MSG_IOVLEN, 1);
            int first = slot % CAPACITY;
            mmsgSlices[slot] = mmsgs.asSlice(mmsg, (CAPACITY - first) * UdpSyscalls.MMSGHDR_BYTES);
            long control = slot * UdpSyscalls.CMSG_BYTES;
            controls.set(JAVA_LONG, control, UdpSyscalls.CMSG_LEN_GSO);
            controls.set(JAVA_INT, control + 8, UdpSyscalls.SOL_UDP);
            controls.set(JAVA_INT, control + 12, UdpSyscalls.UDP_SEGMENT);
        }
    }

    /** Forgets the datagrams (the caller still owns and releases the buffers). */
    public void clear() {
        size = 0;
        sealed = false;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == CAPACITY;
    }

    /**
     * Describes the next datagram: {@code length} bytes at native {@code address}, whose first {@code headerBytes}
     * are the RTP header. The memory must stay valid until the table is cleared.
     */
    public void add(long address, int length, int headerBytes) {
        if (size == CAPACITY) {
            throw new IllegalStateException("a datagram table holds " + CAPACITY + " datagrams");
        }
        setIovec(WHOLE, size, address, length);
        setIovec(PAYLOAD, size, address + headerBytes, length - headerBytes);
        size++;
        sealed = false;
    }

    private void setIovec(int view, int index, long address, int length) {
        int slot = view * CAPACITY + index;
        long iovec = slot * UdpSyscalls.IOVEC_BYTES;
        iovecs.set(JAVA_LONG, iovec, address);
        iovecs.set(JAVA_LONG, iovec + 8, length);
        lengths[slot] = length;
    }

    /** Groups the datagrams into GSO runs, once per batch, before the first output sends. */
    void seal() {
        if (!sealed) {
            group(WHOLE);
            group(PAYLOAD);
            sealed = true;
        }
    }

    private void group(int view) {
        int base = view * CAPACITY;
        int count = 0;
        long total = 0;
        int i = 0;
        while (i < size) {
            int segment = lengths[base + i];
            int start = i;
            int bytes = 0;
            while (i < size && i - start < MAX_GSO_SEGMENTS && bytes + lengths[base + i] <= MAX_GSO_BYTES) {
                int length = lengths[base + i];
                if (length > segment) {
                    break;
                }
                bytes += length;
                i++;
                if (length < segment) {
                    break;                           // a shorter datagram can only end a run
                }
            }
            if (i == start) {                        // a datagram too big for GSO: alone
                bytes = lengths[base + i];
                i++;
            }
            int run = base + count;
            runStart[run] = start;
            runCount[run] = i - start;
            runBytes[run] = bytes;
            long header = run * UdpSyscalls.MSGHDR_BYTES;
            runHeaders.set(JAVA_LONG, header + UdpSyscalls.MSG_IOV, iovecs.address() + (base + start) * UdpSyscalls.IOVEC_BYTES);
            runHeaders.set(JAVA_LONG, header + UdpSyscalls.MSG_IOVLEN, i - start);
            if (i - start > 1) {
                long control = run * UdpSyscalls.CMSG_BYTES;
                controls.set(JAVA_SHORT, control + 16, (short) segment);
                runHeaders.set(JAVA_LONG, header + UdpSyscalls.MSG_CONTROL, controls.address() + control);
                runHeaders.set(JAVA_LONG, header + UdpSyscalls.MSG_CONTROLLEN, UdpSyscalls.CMSG_BYTES);
            } else {                                 // one datagram: a plain send
                runHeaders.set(JAVA_LONG, header + UdpSyscalls.MSG_CONTROL, 0L);
                runHeaders.set(JAVA_LONG, header + UdpSyscalls.MSG_CONTROLLEN, 0L);
            }
            total += bytes;
            count++;
        }
        runs[view] = count;
        viewBytes[view] = total;
    }

    int runs(int view) {
        return runs[view];
    }

    /** The msghdr of run {@code run} of {@code view}, for sendmsg. */
    MemorySegment runHeader(int view, int run) {
        return runSlices[view * CAPACITY + run];
    }

    int runStart(int view, int run) {
        return runStart[view * CAPACITY + run];
    }

    int runCount(int view, int run) {
        return runCount[view * CAPACITY + run];
    }

    int runBytes(int view, int run) {
        return runBytes[view * CAPACITY + run];
    }

    /** The mmsghdr array of {@code view} from datagram {@code first} on, for sendmmsg. */
    MemorySegment messagesFrom(int view, int first) {
        return mmsgSlices[view * CAPACITY + first];
    }

    int length(int view, int index) {
        return lengths[view * CAPACITY + index];
    }

    long bytes(int view) {
        return viewBytes[view];
    }
}
