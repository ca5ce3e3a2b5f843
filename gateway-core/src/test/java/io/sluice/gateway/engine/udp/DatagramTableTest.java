package io.sluice.gateway.engine.udp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DatagramTableTest {
    private DatagramTable table;

    @BeforeEach
    void nativeCallsAvailable() {
        assumeTrue(UdpSyscalls.available(), () -> "native UDP path: " + UdpSyscalls.unavailableReason());
        table = new DatagramTable();
    }

    @Test
    void equalSizesMakeOneRunAndAShorterLastDatagramEndsIt() {
        add(1328, 1328, 1328, 1000);
        table.seal();
        assertThat(table.runs(DatagramTable.WHOLE)).isOne();
        assertThat(table.runCount(DatagramTable.WHOLE, 0)).isEqualTo(4);
        assertThat(table.runBytes(DatagramTable.WHOLE, 0)).isEqualTo(3 * 1328 + 1000);
        assertThat(table.bytes(DatagramTable.PAYLOAD)).isEqualTo(3 * 1316 + 988);
    }

    @Test
    void aShorterDatagramInTheMiddleSplitsTheRun() {
        add(1328, 1000, 1328, 1328, 1400);
        table.seal();
        assertThat(table.runs(DatagramTable.WHOLE)).isEqualTo(3);
        assertThat(runs()).isEqualTo("0+2 2+2 4+1");          // a longer datagram starts a run of its own
    }

    @Test
    void aRunStopsAtTheGsoByteLimit() {
        for (int i = 0; i < DatagramTable.CAPACITY; i++) {
            add(1328);
        }
        assertThat(table.isFull()).isTrue();
        table.seal();
        int perRun = DatagramTable.MAX_GSO_BYTES / 1328;     // 48 datagrams of 1328 bytes fit one send
        assertThat(runs()).isEqualTo("0+" + perRun + " " + perRun + "+" + (DatagramTable.CAPACITY - perRun));
    }

    @Test
    void clearingStartsAFreshBatch() {
        add(1328, 1328);
        table.seal();
        table.clear();
        add(500);
        table.seal();
        assertThat(runs()).isEqualTo("0+1");
        assertThat(table.length(DatagramTable.WHOLE, 0)).isEqualTo(500);
        assertThat(table.length(DatagramTable.PAYLOAD, 0)).isEqualTo(488);
    }

    private void add(int... lengths) {
        for (int length : lengths) {
            table.add(0x1000L * (table.size() + 1), length, 12);
        }
    }

    private String runs() {
        StringBuilder out = new StringBuilder();
        for (int run = 0; run < table.runs(DatagramTable.WHOLE); run++) {
            out.append(run == 0 ? "" : " ").append(table.runStart(DatagramTable.WHOLE, run)).append('+')
                    .append(table.runCount(DatagramTable.WHOLE, run));
        }
        return out.toString();
    }
}
