package io.sluice.gateway.output.fec;

import io.sluice.config.FecMode;
import io.sluice.config.FlowDefaults;
import io.sluice.config.OutputConfig;
import io.sluice.config.SluiceExtensionsConfig;
import io.sluice.gateway.engine.EngineContext;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.output.rtp.RtpOutputSettings;
import io.sluice.protocols.fec.FecMatrix;

/**
 * Builds an rtp-fec output: L, D and the mode come from {@code SluiceExtensions} (FecColumns, FecRows, FecMode;
 * defaults 10 x 10, column and row, FlowDefaults), the sockets from the rtp settings (OutputFactory).
 */
public final class RtpFecOutputs {
    private RtpFecOutputs() {}

    public static Output create(OutputConfig output, RtpOutputSettings media, EngineContext context) {
        SluiceExtensionsConfig x = output.sluiceExtensions();
        int columns = x.fecColumns() == null ? FlowDefaults.FEC_COLUMNS : x.fecColumns();
        int rows = x.fecRows() == null ? FlowDefaults.FEC_ROWS : x.fecRows();
        FecMode mode = x.fecMode() == null ? FlowDefaults.FEC_MODE : x.fecMode();
        if (media.destination().getPort() > 65531) {
            throw new IllegalArgumentException("Output " + output.name() + ": Port " + media.destination().getPort()
                    + " leaves no room for the FEC ports +2 and +4 (expected at most 65531)");
        }
        FecMatrix matrix;
        try {
            matrix = new FecMatrix(columns, rows, mode == FecMode.COLUMN_AND_ROW, FecMatrix.DEFAULT_PAYLOAD_TYPE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Output " + output.name() + ": SluiceExtensions " + e.getMessage(), e);
        }
        return new RtpFecOutput(media, matrix, context.transport(), context.clock(), context.allocator());
    }
}
