package io.sluice.protocols.fec;

import io.netty.buffer.ByteBuf;

/**
 * Where a {@link FecEncoder} hands the FEC packets it completes. Called on the encoder's thread. The encoder keeps a
 * reference to each buffer and reuses it once every other reference is released (after the socket sent it), so a
 * sink must send or release the packet and never write its bytes.
 */
public interface FecSink {

    /** One column FEC packet (for Port+2). Takes ownership of one reference to {@code fecPacket}. */
    void onColumnFec(ByteBuf fecPacket);

    /** One row FEC packet (for Port+4). Takes ownership of one reference to {@code fecPacket}. */
    void onRowFec(ByteBuf fecPacket);
}
