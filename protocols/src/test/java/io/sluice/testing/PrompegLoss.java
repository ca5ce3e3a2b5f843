package io.sluice.testing;

/**
 * The media loss the prompeg ITs inject between ffmpeg's {@code -fec prompeg=l=5:d=4} sender and a decoder (a
 * {@link LossRelay} predicate over the media datagram index): per 20-packet matrix from matrix 1 to 15, in turn a
 * single loss, a burst of L that only the columns fix, and the corner (0,0),(0,1),(1,0) that neither rows nor columns
 * fix alone; every loss is recoverable. Each matrix's column FEC arrives during the next one, so the last matrices
 * stay loss-free. 45 media packets in all.
 */
public final class PrompegLoss {
    public static final int L = 5;
    public static final int D = 4;
    public static final int MATRIX = L * D;
    public static final int LAST_LOSSY_MATRIX = 15;

    private PrompegLoss() {}

    /** Whether the relay drops media datagram {@code index} (0-based). */
    public static boolean dropped(long index) {
        int matrix = (int) (index / MATRIX);
        int position = (int) (index % MATRIX);
        if (matrix < 1 || matrix > LAST_LOSSY_MATRIX) {
            return false;
        }
        return switch (matrix % 3) {
            case 0 -> position == 7;
            case 1 -> position >= 6 && position <= 10;
            default -> position == 0 || position == 1 || position == L;
        };
    }
}
