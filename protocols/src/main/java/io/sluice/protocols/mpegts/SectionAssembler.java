package io.sluice.protocols.mpegts;

import io.netty.buffer.ByteBuf;

/**
 * Reassembles the PSI sections of one PID from its TS packets into a preallocated array (ISO/IEC 13818-1 §2.4.4):
 * a packet with payload_unit_start_indicator set begins with pointer_field, the number of bytes that still belong to
 * the section in progress; new sections follow back to back until a 0xFF stuffing byte. A continuity break abandons
 * the section in progress. Complete sections go to a {@link SectionSink}; nothing is allocated.
 */
final class SectionAssembler {

    /** Receives complete sections; the array is reused for the next section, so read it before returning. */
    interface SectionSink {
        void onSection(int pid, byte[] section, int length, long nowNs);

        /** A section announced more bytes than this PID's tables may have. */
        void onOversizedSection(int pid);
    }

    private static final int HEADER_BYTES = 3;

    private final byte[] section;
    private int pid = -1;
    private int filled;
    private int total = -1;          // header + section_length, or -1 until the 3-byte header is in
    private boolean assembling;

    SectionAssembler(int capacityBytes) {
        this.section = new byte[capacityBytes];
    }

    /** Starts over for {@code pid}, forgetting any section in progress. */
    void reset(int pid) {
        this.pid = pid;
        this.assembling = false;
    }

    int pid() {
        return pid;
    }

    /**
     * Feeds the payload bytes {@code [index, end)} of one TS packet of this PID; reads the buffer in place and keeps
     * no reference to it.
     */
    void onPayload(ByteBuf buf, int index, int end, boolean unitStart, boolean continuityBroken,
                   SectionSink sink, long nowNs) {
        if (continuityBroken) {
            assembling = false;
        }
        if (!unitStart) {
            if (assembling) {
                append(buf, index, end, sink, nowNs);   // a section cannot start in a packet without PUSI
            }
            return;
        }
        if (index >= end) {
            return;
        }
        int pointer = buf.getUnsignedByte(index++);
        if (assembling) {
            append(buf, index, Math.min(end, index + pointer), sink, nowNs);
            assembling = false;                      // short or long, the old section ends where pointer says
        }
        index += pointer;
        while (index < end && buf.getUnsignedByte(index) != 0xFF) {
            assembling = true;
            filled = 0;
            total = -1;
            index = append(buf, index, end, sink, nowNs);
            if (assembling) {
                return;                              // continues in the next packet of this PID
            }
        }
    }

    private int append(ByteBuf buf, int index, int end, SectionSink sink, long nowNs) {
        while (index < end) {
            int wanted = (total < 0 ? HEADER_BYTES : total) - filled;
            int n = Math.min(wanted, end - index);
            buf.getBytes(index, section, filled, n);
            filled += n;
            index += n;
            if (total < 0 && filled == HEADER_BYTES) {
                int sectionLength = ((section[1] & 0x0F) << 8) | (section[2] & 0xFF);
                if (HEADER_BYTES + sectionLength > section.length) {
                    assembling = false;
                    sink.onOversizedSection(pid);
                    return end;
                }
                total = HEADER_BYTES + sectionLength;
            }
            if (filled == total) {
                assembling = false;
                sink.onSection(pid, section, total, nowNs);
                return index;
            }
        }
        return index;
    }
}
