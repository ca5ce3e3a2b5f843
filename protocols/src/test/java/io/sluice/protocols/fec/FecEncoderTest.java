package io.sluice.protocols.fec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.sluice.protocols.fec.FecTestStream.Datagram;
import io.sluice.protocols.fec.FecTestStream.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FecEncoderTest {
    private final FecHeaderView view = new FecHeaderView();

    @Test
    void writesTheFieldsFfmpegPrompegWritesForAConstantSizeStream() {
        FecTestStream stream = FecTestStream.generate(new FecMatrix(5, 4, true, 96), 100, 40, 1, false);
        List<Datagram> rows = stream.datagrams.stream().filter(d -> d.kind() == Kind.ROW).toList();
        List<Datagram> columns = stream.datagrams.stream().filter(d -> d.kind() == Kind.COLUMN).toList();
        assertThat(rows).hasSize(8);
        assertThat(columns).as("matrix 0's columns during matrix 1; matrix 1's would come during matrix 2").hasSize(5);

        view.wrap(Unpooled.wrappedBuffer(rows.getFirst().bytes()));
        assertThat(view.isValid()).isTrue();
        assertThat(view.isRow()).isTrue();
        assertThat(view.snBase()).isEqualTo(100);
        assertThat(view.offset()).isEqualTo(1);
        assertThat(view.count()).isEqualTo(5);
        assertThat(view.lengthRecovery()).as("odd number of 1316s").isEqualTo(1316);
        assertThat(view.ptRecovery()).isEqualTo(33);
        assertThat(view.payloadLength()).isEqualTo(1316);
        assertThat(rows.getFirst().bytes()).hasSize(1344);
        assertThat(view.buffer().getUnsignedInt(8)).as("SSRC").isZero();

        view.wrap(Unpooled.wrappedBuffer(columns.get(2).bytes()));
        assertThat(view.isRow()).isFalse();
        assertThat(view.snBase()).isEqualTo(102);
        assertThat(view.offset()).isEqualTo(5);
        assertThat(view.count()).isEqualTo(4);
        assertThat(view.lengthRecovery()).as("even number of 1316s").isZero();
        assertThat(view.ptRecovery()).isZero();
        assertThat(view.buffer().getUnsignedByte(1) & 0x7F).as("FEC PT").isEqualTo(96);
    }

    @Test
    void spreadsColumnFecOverTheNextMatrixOneEveryDPackets() {
        FecTestStream stream = FecTestStream.generate(new FecMatrix(4, 5, false, 96), 0, 40, 2, false);
        int mediaSeen = 0;
        StringBuilder positions = new StringBuilder();
        for (Datagram d : stream.datagrams) {
            if (d.kind() == Kind.MEDIA) {
                mediaSeen++;
            } else {
                positions.append(mediaSeen).append(' ');
            }
        }
        assertThat(positions.toString().trim()).isEqualTo("21 26 31 36");
    }

    @Test
    void restartsTheMatrixOnASequenceGapSoFecNeverDescribesMissingPackets() {
        FecTestStream gapless = FecTestStream.generate(new FecMatrix(4, 4, true, 96), 0, 6, 3, false);
        List<Integer> rowBases = new java.util.ArrayList<>();
        FecSink sink = new FecSink() {
            @Override public void onColumnFec(io.netty.buffer.ByteBuf fec) { fec.release(); }
            @Override public void onRowFec(io.netty.buffer.ByteBuf fec) {
                rowBases.add(view.wrap(fec).snBase());
                fec.release();
            }
        };
        try (FecEncoder encoder = new FecEncoder(new FecMatrix(4, 4, true, 96), FecTestStream.ALLOCATOR, sink, 0, 0)) {
            for (int i : new int[] {0, 1, 2, 4, 5}) {            // 3 is missing
                encoder.encode(Unpooled.wrappedBuffer(gapless.media.get(i)));
            }
        }
        assertThat(rowBases).as("the row 0-3 is abandoned; 4.. starts a new matrix").isEmpty();
    }

    @Test
    void rejectsMatricesOutsideTheLimitsPeersAccept() {
        assertThatThrownBy(() -> new FecMatrix(20, 20, true, 96)).hasMessageContaining("L x D <= 100");
        assertThatThrownBy(() -> new FecMatrix(10, 2, false, 96)).hasMessageContaining("out of range 4-20");
        assertThatThrownBy(() -> new FecMatrix(2, 10, true, 96)).hasMessageContaining("minimum for row FEC");
    }
}
