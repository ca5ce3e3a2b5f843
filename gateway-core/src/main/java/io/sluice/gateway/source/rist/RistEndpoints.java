package io.sluice.gateway.source.rist;

import io.sluice.config.Algorithm;
import io.sluice.config.EncryptionConfig;
import io.sluice.config.FlowDefaults;
import io.sluice.config.KeyType;
import io.sluice.config.OutputConfig;
import io.sluice.config.RistProfile;
import io.sluice.config.SourceConfig;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.allowlist.SenderFilter;
import io.sluice.gateway.engine.EngineContext;
import io.sluice.gateway.engine.SourceFactory;
import io.sluice.protocols.rist.RistPskSettings;
import io.sluice.protocols.rist.RistReceiverSettings;
import io.sluice.protocols.rist.RistSenderSettings;
import io.sluice.protocols.rist.eap.SrpLogin;
import io.sluice.protocols.rist.eap.SrpUser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Maps rist sources and outputs of a flow document to protocol settings (docs/rist.md):
 * <ul>
 *   <li>Source: IngestPort (even, RTP; RTCP on IngestPort + 1), WhitelistCidr, MaxLatency (receive buffer, default
 *       2000 ms), MaxBitrate (sizes the buffer). Output: Destination, Port (even), MaxLatency (retransmission
 *       buffer).</li>
 *   <li>Decryption / Encryption (a Sluice extension: MediaConnect has no RIST encryption): KeyType static-key,
 *       Algorithm aes128 or aes256, SecretArn naming the secret that holds the librist {@code secret=}
 *       passphrase (1-127 bytes). A key means main profile.</li>
 *   <li>Profile: {@code SluiceExtensions.RistProfile} (simple by default, main with a key). A simple-profile source
 *       accepts both and recognises a main-profile peer by its packets; a main-profile source (a key, SRP, or
 *       RistProfile main) refuses plain RTP and reports it as the link's problem (TR-06-2, protocols.md §4.9).</li>
 *   <li>EAP-SRP ({@code SluiceExtensions.SrpUsername} and {@code SrpPasswordSecretArn}, see {@link RistSrp}): a
 *       source admits only peers that log in as that user; an output logs in. It means main profile.</li>
 * </ul>
 */
public final class RistEndpoints {
    private RistEndpoints() {}

    public static RistReceiverSettings sourceSettings(SourceConfig source, EngineContext context) {
        String where = "Source " + source.name();
        if (source.ingestPort() == null) {
            throw new IllegalArgumentException(where + ": IngestPort is required for protocol rist");
        }
        int port = source.ingestPort();
        if ((port & 1) != 0 || port < 2 || port > 65534) {
            throw new IllegalArgumentException(where + ": IngestPort " + port
                    + " must be even (RIST takes P for RTP and P+1 for RTCP, VSF TR-06-1)");
        }
        SrpUser srp = RistSrp.sourceUser(where, source.sluiceExtensions(), context.secrets());
        InetAddress bind = SourceFactory.bindAddress(where, source.sluiceExtensions().bindAddress(), context);
        AllowList allowList;
        try {
            allowList = AllowList.parse(source.whitelistCidr());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": WhitelistCidr " + e.getMessage(), e);
        }
        SenderFilter filter = new SenderFilter(allowList);
        int latencyMs = source.maxLatency() == null ? FlowDefaults.RIST_MAX_LATENCY_MS : source.maxLatency();
        RistReceiverSettings settings = RistReceiverSettings.of(
                bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port), latencyMs)
                .withAllowSender(filter::allows);
        if (source.maxBitrate() != null && source.maxBitrate() > 0) {
            settings = settings.withMaxBitrate(source.maxBitrate());
        }
        if (source.sluiceExtensions().ristProfile() == RistProfile.MAIN) {
            settings = settings.withProfile(io.sluice.protocols.rist.RistProfile.MAIN);
        }
        RistPskSettings psk = psk(where + ".Decryption", source.decryption(), context.secrets());
        if (srp != null) {
            settings = settings.withSrp(srp);
        }
        return psk == null ? settings : settings.withPsk(psk);
    }

    public static RistSenderSettings outputSettings(OutputConfig output, InetAddress destination, EngineContext context) {
        String where = "Output " + output.name();
        if (output.port() == null) {
            throw new IllegalArgumentException(where + ": Port is required for protocol rist");
        }
        int port = output.port();
        RistPskSettings psk = psk(where + ".Encryption", output.encryption(), context.secrets());
        SrpLogin srp = RistSrp.outputLogin(where, output.sluiceExtensions(), context.secrets());
        RistProfile configured = output.sluiceExtensions().ristProfile();
        io.sluice.protocols.rist.RistProfile profile = psk != null || srp != null || configured == RistProfile.MAIN
                ? io.sluice.protocols.rist.RistProfile.MAIN : io.sluice.protocols.rist.RistProfile.SIMPLE;
        if (profile == io.sluice.protocols.rist.RistProfile.SIMPLE && ((port & 1) != 0 || port < 2 || port > 65534)) {
            throw new IllegalArgumentException(where + ": Port " + port
                    + " must be even for the simple profile (RTP to P, RTCP to P+1, VSF TR-06-1)");
        }
        int bufferMs = output.maxLatency() == null ? FlowDefaults.RIST_MAX_LATENCY_MS : output.maxLatency();
        RistSenderSettings settings = RistSenderSettings.of(new InetSocketAddress(destination, port), profile, bufferMs);
        if (srp != null) {
            settings = settings.withSrp(srp);
        }
        return psk == null ? settings : settings.withPsk(psk);
    }

    /** The pre-shared key of a rist Decryption/Encryption, or null when there is none. */
    static RistPskSettings psk(String where, EncryptionConfig encryption, SecretResolver secrets) {
        if (encryption == null) {
            return null;
        }
        if (encryption.keyType() != null && encryption.keyType() != KeyType.STATIC_KEY) {
            throw new IllegalArgumentException(where + ".KeyType: " + encryption.keyType().wireValue()
                    + " is not supported for RIST (expected static-key)");
        }
        Algorithm algorithm = encryption.algorithm() == null ? Algorithm.AES128 : encryption.algorithm();
        int keyBits = switch (algorithm) {
            case AES128 -> 128;
            case AES256 -> 256;
            case AES192 -> throw new IllegalArgumentException(where + ".Algorithm: aes192 is not a RIST key size "
                    + "(expected aes128 or aes256)");
        };
        if (encryption.secretArn() == null) {
            throw new IllegalArgumentException(where + ".SecretArn: missing (the secret holds the RIST passphrase)");
        }
        if (secrets == null) {
            throw new IllegalArgumentException(where + ".SecretArn: this gateway has no secrets directory");
        }
        byte[] passphrase = secrets.resolve(encryption.secretArn());
        try {
            if (passphrase.length == 0 || passphrase.length > 127) {
                throw new IllegalArgumentException(where + ".SecretArn: the passphrase in " + encryption.secretArn()
                        + " has " + passphrase.length + " bytes (expected 1 to 127, as librist)");
            }
            return new RistPskSettings(passphrase, keyBits, 0);
        } finally {
            Arrays.fill(passphrase, (byte) 0);
        }
    }
}
