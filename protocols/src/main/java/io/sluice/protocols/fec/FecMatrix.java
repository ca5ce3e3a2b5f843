package io.sluice.protocols.fec;

/**
 * The shape of 2022-1 FEC an encoder produces: {@code columns} (L) by {@code rows} (D) media packets, column FEC
 * always, row FEC when {@code rowFec} (2D). Limits are the ones ffmpeg's prompeg and most IRDs enforce
 * (protocols.md §2.2): 1 &lt;= L &lt;= 20, 4 &lt;= D &lt;= 20, L x D &lt;= 100, and L &gt;= 4 for 2D.
 *
 * @param payloadType the dynamic RTP payload type of both FEC streams (96 like ffmpeg and GStreamer)
 */
public record FecMatrix(int columns, int rows, boolean rowFec, int payloadType) {
    public static final int DEFAULT_PAYLOAD_TYPE = 96;
    /** 10 x 10, column and row: 20% overhead, protects bursts of up to 10 packets, ~210 ms at 5 Mb/s. */
    public static final FecMatrix DEFAULT = new FecMatrix(10, 10, true, DEFAULT_PAYLOAD_TYPE);

    public FecMatrix {
        if (columns < 1 || columns > 20) {
            throw new IllegalArgumentException("FEC columns (L) " + columns + " is out of range 1-20");
        }
        if (rows < 4 || rows > 20) {
            throw new IllegalArgumentException("FEC rows (D) " + rows + " is out of range 4-20");
        }
        if (columns * rows > 100) {
            throw new IllegalArgumentException("FEC matrix " + columns + "x" + rows + " has " + columns * rows
                    + " packets (expected L x D <= 100)");
        }
        if (rowFec && columns < 4) {
            throw new IllegalArgumentException("FEC columns (L) " + columns + " is below 4, the minimum for row FEC");
        }
        if (payloadType < 96 || payloadType > 127) {
            throw new IllegalArgumentException("FEC payload type " + payloadType + " is out of range 96-127");
        }
    }

    /** Media packets per matrix. */
    public int packets() {
        return columns * rows;
    }
}
