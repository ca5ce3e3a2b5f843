package io.sluice.gateway.source.srt;

import io.sluice.gateway.allowlist.AllowList;
import io.sluice.protocols.srt.SrtSettings;
import java.net.InetSocketAddress;

/**
 * What an SRT source or output needs, already mapped from its config: the address to listen on or call, the
 * socket options (latency from MinLatency, StreamId, passphrase resolved from SecretArn with the key length from
 * Algorithm) and the allow-list (WhitelistCidr / CidrAllowList) a listener checks at handshake.
 *
 * @param name      the source's or output's name from the config
 * @param address   listener: the local address and port to bind; caller: the remote listener
 * @param settings  socket options
 * @param allowList callers a listener accepts (the engine's precomputed matcher, checked in libsrt's listen
 *                  callback); null means everyone; ignored by callers
 */
public record SrtEndpoint(String name, InetSocketAddress address, SrtSettings settings, AllowList allowList) {
    public SrtEndpoint {
        if (allowList == null) {
            allowList = AllowList.everyone();
        }
    }
}
