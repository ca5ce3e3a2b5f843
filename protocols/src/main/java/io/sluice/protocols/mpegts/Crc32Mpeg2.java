package io.sluice.protocols.mpegts;

import io.netty.buffer.ByteBuf;

/**
 * The CRC_32 of MPEG-2 PSI sections (ISO/IEC 13818-1 Annex A): polynomial 0x04C11DB7, initial value 0xFFFFFFFF,
 * no bit reflection, no final XOR. Running it over a whole section, CRC included, yields 0 when the section is intact.
 * Table-driven, one byte at a time; no allocation.
 */
public final class Crc32Mpeg2 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc32Mpeg2() {}

    /** CRC of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int compute(byte[] bytes, int offset, int length) {
        int crc = 0xFFFF_FFFF;
        for (int i = offset, end = offset + length; i < end; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ bytes[i]) & 0xFF];
        }
        return crc;
    }

    /** CRC of {@code length} bytes of {@code buf} from absolute index {@code index}; indices unchanged. */
    public static int compute(ByteBuf buf, int index, int length) {
        int crc = 0xFFFF_FFFF;
        for (int i = index, end = index + length; i < end; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ buf.getByte(i)) & 0xFF];
        }
        return crc;
    }
}
