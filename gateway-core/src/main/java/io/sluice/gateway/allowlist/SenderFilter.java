package io.sluice.gateway.allowlist;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The per-packet face of an {@link AllowList}: remembers the verdict for the last sender, so the steady state
 * (one encoder sending thousands of packets a second) is one {@code InetAddress.equals} (which compares in place)
 * and no allocation. Single-threaded: one per source, on the flow's loop.
 */
public final class SenderFilter {
    private final AllowList allowList;
    private InetAddress lastSender;
    private boolean lastVerdict;

    public SenderFilter(AllowList allowList) {
        this.allowList = allowList;
    }

    /** Whether a datagram from {@code sender} may enter the flow. */
    public boolean allows(InetSocketAddress sender) {
        if (allowList.allowsEveryone()) {
            return true;
        }
        if (sender == null) {
            return false;
        }
        InetAddress address = sender.getAddress();
        if (address == null) {
            return false;
        }
        if (!address.equals(lastSender)) {
            lastVerdict = allowList.allows(address);
            lastSender = address;
        }
        return lastVerdict;
    }

    public AllowList allowList() {
        return allowList;
    }
}
