package io.sluice.protocols.rist.eap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;

/** Where an EAP endpoint sends its GRE/EAPOL datagrams: the RIST endpoint's socket. */
public interface EapolPort {
    /** Sends {@code datagram} (taking it) to {@code peer}; a connected sender ignores {@code peer}. */
    void sendEapol(ByteBuf datagram, InetSocketAddress peer);

    ByteBufAllocator alloc();
}
