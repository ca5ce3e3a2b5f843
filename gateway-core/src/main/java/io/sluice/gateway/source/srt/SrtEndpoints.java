package io.sluice.gateway.source.srt;

import io.netty.buffer.ByteBufAllocator;
import io.sluice.config.Algorithm;
import io.sluice.config.EncryptionConfig;
import io.sluice.config.KeyType;
import io.sluice.config.OutputConfig;
import io.sluice.config.Protocol;
import io.sluice.config.SourceConfig;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.allowlist.AllowList;
import io.sluice.gateway.allowlist.Cidr;
import io.sluice.gateway.flow.Output;
import io.sluice.gateway.flow.Source;
import io.sluice.gateway.output.srt.SrtCallerOutput;
import io.sluice.gateway.output.srt.SrtListenerOutput;
import io.sluice.protocols.srt.SrtPoller;
import io.sluice.protocols.srt.SrtSettings;
import io.sluice.protocols.time.NanoClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps SRT source and output configs to {@link SrtEndpoint}s and builds the runtime objects: the engine's factories
 * call {@link #source} and {@link #output} for {@code srt-listener} and {@code srt-caller}.
 *
 * <ul>
 *   <li>MinLatency (ms) → SRTO_LATENCY (the config fills MediaConnect's 2000 ms default; null here keeps
 *       libsrt's 120 ms).</li>
 *   <li>StreamId → sent by callers, required from callers by listeners.</li>
 *   <li>WhitelistCidr / CidrAllowList → the listen callback.</li>
 *   <li>Decryption / Encryption with KeyType srt-password → the passphrase is the secret named by SecretArn;
 *       Algorithm aes128/192/256 → key length 16/24/32.</li>
 *   <li>Listeners bind SluiceExtensions.BindAddress, else every address (0.0.0.0).</li>
 * </ul>
 * Addresses must be IP literals: nothing here resolves host names (no DNS on a flow's loop).
 */
public final class SrtEndpoints {
    private SrtEndpoints() {}

    /**
     * The SRT source for {@code config}, not yet opened, on the process-wide {@link SrtPoller}.
     *
     * @param defaultBind the gateway's {@code --bind} address for listeners without SluiceExtensions.BindAddress,
     *                    or null for every address
     */
    public static Source source(SourceConfig config, SecretResolver secrets, InetAddress defaultBind, NanoClock clock,
                                ByteBufAllocator allocator) {
        SrtEndpoint endpoint = ofSource(config, secrets, defaultBind);
        SrtPoller poller = SrtPoller.shared();
        return switch (config.protocol()) {
            case SRT_LISTENER -> new SrtListenerSource(endpoint, poller, clock, allocator);
            case SRT_CALLER -> new SrtCallerSource(endpoint, poller, clock, allocator);
            default -> throw notSrt("source", config.name(), config.protocol());
        };
    }

    /** The SRT output for {@code config}, not yet opened, on the process-wide {@link SrtPoller}. */
    public static Output output(OutputConfig config, SecretResolver secrets, InetAddress defaultBind, NanoClock clock) {
        SrtEndpoint endpoint = ofOutput(config, secrets, defaultBind);
        SrtPoller poller = SrtPoller.shared();
        return switch (config.protocol()) {
            case SRT_LISTENER -> new SrtListenerOutput(endpoint, poller, clock);
            case SRT_CALLER -> new SrtCallerOutput(endpoint, poller, clock);
            default -> throw notSrt("output", config.name(), config.protocol());
        };
    }

    public static SrtEndpoint ofSource(SourceConfig config, SecretResolver secrets) {
        return ofSource(config, secrets, null);
    }

    public static SrtEndpoint ofSource(SourceConfig config, SecretResolver secrets, InetAddress defaultBind) {
        String where = "source " + config.name();
        InetSocketAddress address = switch (config.protocol()) {
            case SRT_LISTENER -> new InetSocketAddress(
                    ip(config.sluiceExtensions().bindAddress(), any(defaultBind), where + ": SluiceExtensions.BindAddress"),
                    port(config.ingestPort(), where + ": IngestPort"));
            case SRT_CALLER -> new InetSocketAddress(
                    ip(config.sourceListenerAddress(), null, where + ": SourceListenerAddress"),
                    port(config.sourceListenerPort(), where + ": SourceListenerPort"));
            default -> throw notSrt("source", config.name(), config.protocol());
        };
        SrtSettings settings = settings(config.minLatency(), config.streamId(), config.decryption(), secrets,
                where + ": Decryption");
        List<String> cidrs = config.whitelistCidr() == null || config.whitelistCidr().isBlank() ? List.of()
                : List.of(config.whitelistCidr().split(","));
        return new SrtEndpoint(config.name(), address, settings, allowList(cidrs, where + ": WhitelistCidr"));
    }

    public static SrtEndpoint ofOutput(OutputConfig config, SecretResolver secrets) {
        return ofOutput(config, secrets, null);
    }

    public static SrtEndpoint ofOutput(OutputConfig config, SecretResolver secrets, InetAddress defaultBind) {
        String where = "output " + config.name();
        InetSocketAddress address = switch (config.protocol()) {
            case SRT_LISTENER -> new InetSocketAddress(
                    ip(config.sluiceExtensions().bindAddress(), any(defaultBind), where + ": SluiceExtensions.BindAddress"),
                    port(config.port(), where + ": Port"));
            case SRT_CALLER -> new InetSocketAddress(ip(config.destination(), null, where + ": Destination"),
                    port(config.port(), where + ": Port"));
            default -> throw notSrt("output", config.name(), config.protocol());
        };
        SrtSettings settings = settings(config.minLatency(), config.streamId(), config.encryption(), secrets,
                where + ": Encryption");
        return new SrtEndpoint(config.name(), address, settings,
                allowList(config.cidrAllowList(), where + ": CidrAllowList"));
    }

    /** The engine's allow-list of {@code cidrs}; a bad block is named by its path and index, e.g. CidrAllowList[1]. */
    private static AllowList allowList(List<String> cidrs, String where) {
        if (cidrs == null || cidrs.isEmpty()) {
            return AllowList.everyone();
        }
        List<Cidr> blocks = new ArrayList<>(cidrs.size());
        for (int i = 0; i < cidrs.size(); i++) {
            try {
                blocks.add(Cidr.parse(cidrs.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + (cidrs.size() > 1 ? "[" + i + "]" : "") + ": " + e.getMessage(), e);
            }
        }
        return AllowList.of(blocks);
    }

    private static SrtSettings settings(Integer minLatencyMs, String streamId, EncryptionConfig encryption,
                                        SecretResolver secrets, String where) {
        SrtSettings settings = SrtSettings.defaults();
        if (minLatencyMs != null) {
            settings = settings.withLatencyMs(minLatencyMs);
        }
        if (streamId != null && !streamId.isEmpty()) {
            settings = settings.withStreamId(streamId);
        }
        if (encryption != null) {
            if (encryption.keyType() != KeyType.SRT_PASSWORD) {
                throw new IllegalArgumentException(where + ".KeyType: " + wire(encryption.keyType())
                        + " is not supported for SRT (expected srt-password)");
            }
            if (encryption.secretArn() == null) {
                throw new IllegalArgumentException(where + ".SecretArn: missing (srt-password needs the secret holding the passphrase)");
            }
            byte[] passphrase = secrets.resolve(encryption.secretArn());
            try {
                if (passphrase.length < 10 || passphrase.length > 79) {
                    throw new IllegalArgumentException(where + ".SecretArn: the passphrase in " + encryption.secretArn()
                            + " has " + passphrase.length + " bytes (expected 10 to 79)");
                }
                Algorithm algorithm = encryption.algorithm();
                settings = settings.withPassphrase(passphrase,
                        SrtKeyLength.ofAlgorithm(algorithm == null ? null : algorithm.wireValue()));
            } finally {
                Arrays.fill(passphrase, (byte) 0);
            }
        }
        return settings;
    }

    private static InetAddress ip(String text, String fallback, String where) {
        String value = text == null || text.isBlank() ? fallback : text.strip();
        if (value == null) {
            throw new IllegalArgumentException(where + ": missing (expected an IP address)");
        }
        try {
            return InetAddress.ofLiteral(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": \"" + value + "\" is not an IP address (expected e.g. 192.0.2.10)");
        }
    }

    private static String any(InetAddress defaultBind) {
        return defaultBind == null ? "0.0.0.0" : defaultBind.getHostAddress();
    }

    private static int port(Integer port, String where) {
        if (port == null || port < 1 || port > 65535) {
            throw new IllegalArgumentException(where + ": " + port + " is not a port (expected 1-65535)");
        }
        return port;
    }

    private static String wire(KeyType keyType) {
        return keyType == null ? "null" : keyType.wireValue();
    }

    private static IllegalArgumentException notSrt(String kind, String name, Protocol protocol) {
        return new IllegalArgumentException(kind + " " + name + ": protocol " + (protocol == null ? null : protocol.wireValue())
                + " is not SRT (expected srt-listener or srt-caller)");
    }
}
