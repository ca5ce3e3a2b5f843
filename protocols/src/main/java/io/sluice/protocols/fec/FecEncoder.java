package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.sluice.protocols.rtp.RtpView;

/**
 * Generates SMPTE 2022-1 column FEC (and row FEC when the matrix asks for it) for one outgoing media stream, in the
 * order ffmpeg's prompeg sends it (protocols.md §2.5): a row FEC packet right after the last packet of its row; the L
 * column FEC packets of matrix n spread over matrix n+1, one every D media packets, so that a burst cannot take out
 * a column's media and its FEC together.
 *
 * <p>Block-aligned: the first packet (and the first after a sequence discontinuity) starts a matrix. A
 * discontinuity (a packet whose sequence number is not the previous one + 1) abandons the partial matrix, because
 * its FEC would no longer describe consecutive sequence numbers.
 *
 * <p>Single-threaded; no allocation per packet: each accumulator reuses its pooled buffer once the previous FEC
 * packet built in it has been sent (see {@link FecAccumulator}).
 */
public final class FecEncoder implements AutoCloseable {
    private final FecMatrix matrix;
    private final FecSink sink;
    private final FecAccumulator[] rows;  // one per row of the matrix, so a row's buffer is reused a matrix later
    private FecAccumulator[] filling;     // columns of the current matrix
    private FecAccumulator[] sending;     // completed columns of the previous matrix, sent during this one
    private int nextColumnToSend;
    private int position;                 // 0 .. L*D-1 inside the current matrix
    private int expectedSequence = -1;
    private int columnSequence;
    private int rowSequence;
    private final RtpView view = new RtpView();

    /**
     * @param firstColumnSequence the column FEC stream's first RTP sequence number (random in production)
     * @param firstRowSequence    the row FEC stream's first RTP sequence number
     */
    public FecEncoder(FecMatrix matrix, ByteBufAllocator allocator, FecSink sink,
                      int firstColumnSequence, int firstRowSequence) {
        this.matrix = matrix;
        this.sink = sink;
        this.rows = new FecAccumulator[matrix.rows()];
        for (int r = 0; r < matrix.rows(); r++) {
            rows[r] = new FecAccumulator(allocator);
        }
        this.filling = new FecAccumulator[matrix.columns()];
        this.sending = new FecAccumulator[matrix.columns()];
        for (int c = 0; c < matrix.columns(); c++) {
            filling[c] = new FecAccumulator(allocator);
            sending[c] = new FecAccumulator(allocator);
        }
        this.nextColumnToSend = matrix.columns();     // nothing to send during the first matrix
        this.columnSequence = firstColumnSequence & 0xFFFF;
        this.rowSequence = firstRowSequence & 0xFFFF;
    }

    public FecMatrix matrix() {
        return matrix;
    }

    /**
     * Adds one outgoing media packet (the exact bytes sent on Port, protocols.md §2.6) and hands completed FEC
     * packets to the sink. Reads {@code media} only: the caller keeps its reference. Invalid RTP is skipped and
     * returns false.
     */
    public boolean encode(ByteBuf media) {
        if (!view.wrap(media).isValid()) {
            return false;
        }
        int sequence = view.sequenceNumber();
        if (expectedSequence >= 0 && sequence != expectedSequence) {
            restartMatrix();
        }
        expectedSequence = (sequence + 1) & 0xFFFF;
        int columns = matrix.columns();
        if (position % matrix.rows() == 0 && nextColumnToSend < columns) {
            sendColumn(nextColumnToSend++);
        }
        long timestamp = view.timestamp();
        filling[position % columns].add(media, sequence, timestamp);
        if (matrix.rowFec()) {
            FecAccumulator row = rows[position / columns];
            row.add(media, sequence, timestamp);
            if (position % columns == columns - 1) {
                sink.onRowFec(row.finish(matrix.payloadType(), nextRowSequence(), true, 1, columns));
            }
        }
        if (++position == columns * matrix.rows()) {
            FecAccumulator[] done = filling;
            filling = sending;
            sending = done;
            nextColumnToSend = 0;
            position = 0;
        }
        return true;
    }

    private void sendColumn(int column) {
        sink.onColumnFec(sending[column].finish(matrix.payloadType(), nextColumnSequence(), false,
                matrix.columns(), matrix.rows()));
    }

    /** Sends what is complete (the previous matrix's columns), drops the partial matrix and starts a new one. */
    private void restartMatrix() {
        while (nextColumnToSend < matrix.columns()) {
            sendColumn(nextColumnToSend++);
        }
        for (FecAccumulator column : filling) {
            column.discard();
        }
        for (FecAccumulator row : rows) {
            row.discard();
        }
        position = 0;
    }

    private int nextColumnSequence() {
        int s = columnSequence;
        columnSequence = (columnSequence + 1) & 0xFFFF;
        return s;
    }

    private int nextRowSequence() {
        int s = rowSequence;
        rowSequence = (rowSequence + 1) & 0xFFFF;
        return s;
    }

    /** Releases every buffer the encoder holds (FEC packets already handed over stay valid). */
    @Override
    public void close() {
        for (int c = 0; c < matrix.columns(); c++) {
            filling[c].release();
            sending[c].release();
        }
        for (FecAccumulator row : rows) {
            row.release();
        }
    }
}
