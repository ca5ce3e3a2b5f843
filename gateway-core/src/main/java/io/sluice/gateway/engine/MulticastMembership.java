package io.sluice.gateway.engine;

import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramChannel;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A source's membership of a multicast group: the group its socket binds to (SluiceExtensions.BindAddress), the
 * interface it joins on (MulticastInterface, else the interface of the kernel's route to the group) and, for
 * source-specific multicast (RFC 4607), the one sender it accepts (MulticastSourceIp). Resolved on the thread that
 * builds the flow (it reads the host's interfaces), joined on the flow's loop once the socket is bound; closing the
 * socket leaves the group.
 */
public record MulticastMembership(InetAddress group, NetworkInterface networkInterface, InetAddress source) {

    public MulticastMembership {
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast group");
        }
    }

    /** Joins the group on {@code channel} (bound to the group's port); the future fails with the kernel's reason. */
    public ChannelFuture join(DatagramChannel channel) {
        return source == null ? channel.joinGroup(group, networkInterface, null)
                : channel.joinGroup(group, networkInterface, source);
    }

    /** "239.1.1.1 on lo" or "232.1.1.1 from 192.0.2.7 on eth0", for messages. */
    public String describe() {
        return group.getHostAddress() + (source == null ? "" : " from " + source.getHostAddress())
                + " on " + networkInterface.getName();
    }

    /**
     * The membership for a source bound to {@code bind}, or null when {@code bind} is not a multicast group.
     *
     * @param interfaceName MulticastInterface: an interface name or one of its addresses; null = the route's
     * @param sourceIp      MulticastSourceIp, or null for any sender
     * @throws IllegalArgumentException naming {@code who} and the setting when the host cannot do it
     */
    public static MulticastMembership of(String who, InetAddress bind, String interfaceName, String sourceIp) {
        if (bind == null || !bind.isMulticastAddress()) {
            if (interfaceName != null || sourceIp != null) {
                throw new IllegalArgumentException(who + ": MulticastInterface and MulticastSourceIp need a multicast"
                        + " group as the bind address");
            }
            return null;
        }
        InetAddress source = null;
        if (sourceIp != null) {
            source = SourceFactory.literal(sourceIp);
            if (source == null || source.isMulticastAddress() || source.getAddress().length != bind.getAddress().length) {
                throw new IllegalArgumentException(who + ": MulticastSourceIp \"" + sourceIp + "\" is not a unicast "
                        + (bind.getAddress().length == 4 ? "IPv4" : "IPv6") + " address like the group "
                        + bind.getHostAddress());
            }
        }
        NetworkInterface via = interfaceName == null ? routeTo(who, bind) : named(who, "MulticastInterface", interfaceName);
        if (!supportsMulticast(via)) {
            throw new IllegalArgumentException(who + ": interface " + via.getName() + " has multicast switched off"
                    + " (ip link set " + via.getName() + " multicast on)");
        }
        return new MulticastMembership(bind, via, source);
    }

    /** The interface an IP literal belongs to, or the interface of that name. */
    static NetworkInterface named(String who, String setting, String nameOrAddress) {
        try {
            InetAddress address = SourceFactory.literal(nameOrAddress);
            NetworkInterface found = address != null ? NetworkInterface.getByInetAddress(address)
                    : NetworkInterface.getByName(nameOrAddress.strip());
            if (found == null) {
                throw new IllegalArgumentException(who + ": " + setting + " \"" + nameOrAddress + "\" is not "
                        + (address != null ? "an address of an interface" : "an interface") + " of this host (interfaces: "
                        + String.join(", ", interfaceNames()) + ")");
            }
            return found;
        } catch (SocketException e) {
            throw new IllegalArgumentException(who + ": cannot read this host's interfaces: " + e.getMessage(), e);
        }
    }

    /** The interface the kernel would send to {@code group} through: a connected probe socket's local address. */
    private static NetworkInterface routeTo(String who, InetAddress group) {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.connect(new InetSocketAddress(group, 9));
            InetAddress local = probe.getLocalAddress();
            NetworkInterface via = local == null || local.isAnyLocalAddress() ? null : NetworkInterface.getByInetAddress(local);
            if (via == null) {
                throw new IllegalArgumentException(who + ": no route to the multicast group " + group.getHostAddress()
                        + ": set SluiceExtensions.MulticastInterface (interfaces: " + String.join(", ", interfaceNames()) + ")");
            }
            return via;
        } catch (SocketException e) {
            throw new IllegalArgumentException(who + ": no route to the multicast group " + group.getHostAddress() + " ("
                    + e.getMessage() + "): set SluiceExtensions.MulticastInterface", e);
        }
    }

    private static boolean supportsMulticast(NetworkInterface via) {
        try {
            return via.supportsMulticast();
        } catch (SocketException e) {
            return true;                            // let the join report what is wrong
        }
    }

    private static List<String> interfaceNames() {
        List<String> names = new ArrayList<>();
        try {
            for (NetworkInterface each : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                names.add(each.getName());
            }
        } catch (SocketException e) {
            names.add("unknown: " + e.getMessage());
        }
        return names;
    }
}
