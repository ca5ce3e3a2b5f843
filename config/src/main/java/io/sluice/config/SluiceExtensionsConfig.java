package io.sluice.config;

/**
 * Sluice-only settings of a source or output, in the optional member {@code SluiceExtensions}
 * ({@code sluiceExtensions} on the wire). MediaConnect has no such member; everything else in a flow document is
 * plain CreateFlow. See docs/flow-files.md.
 *
 * @param bindAddress          local IP address to bind (sources: listen; outputs: send from); null = all addresses
 * @param ristProfile          rist only: VSF TR-06-1 simple or TR-06-2 main
 * @param srpUsername          rist main profile only: EAP-SRP user name
 * @param srpPasswordSecretArn rist main profile only: secret holding the EAP-SRP password
 * @param fecColumns           rtp-fec outputs only: SMPTE 2022-1 L (columns)
 * @param fecRows              rtp-fec outputs only: SMPTE 2022-1 D (rows)
 * @param fecMode              rtp-fec outputs only: column FEC only, or column and row FEC
 * @param multicastInterface   rtp, udp, rtp-fec: the interface (name, or one of its IP addresses) a source joins its
 *                             multicast group on, or a multicast output sends through; null = the route's
 * @param multicastSourceIp    rtp, udp, rtp-fec sources with a multicast BindAddress: join the group for this sender
 *                             only (source-specific multicast, MediaConnect's {@code MulticastSourceSettings})
 * @param multicastTtl         rtp, udp, rtp-fec outputs to a multicast Destination: IP TTL / hop limit, 0-255
 * @param multicastLoopback    rtp, udp, rtp-fec outputs to a multicast Destination: whether receivers on this host
 *                             get the packets too (IP_MULTICAST_LOOP); null = the system default (yes)
 */
public record SluiceExtensionsConfig(
        String bindAddress,
        RistProfile ristProfile,
        String srpUsername,
        String srpPasswordSecretArn,
        Integer fecColumns,
        Integer fecRows,
        FecMode fecMode,
        String multicastInterface,
        String multicastSourceIp,
        Integer multicastTtl,
        Boolean multicastLoopback) {

    /** No extension set. */
    public static final SluiceExtensionsConfig NONE = new SluiceExtensionsConfig(null, null, null, null, null, null, null);

    /** The settings without the multicast ones (all absent). */
    public SluiceExtensionsConfig(String bindAddress, RistProfile ristProfile, String srpUsername,
                                  String srpPasswordSecretArn, Integer fecColumns, Integer fecRows, FecMode fecMode) {
        this(bindAddress, ristProfile, srpUsername, srpPasswordSecretArn, fecColumns, fecRows, fecMode,
                null, null, null, null);
    }

    /** True when no member is set (then the member is left out when written). */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
