package io.sluice.gateway.engine;

import io.netty.buffer.ByteBufAllocator;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.entitlement.EntitlementHub;
import io.sluice.protocols.time.NanoClock;

import java.net.InetAddress;

/**
 * What every source and output of every flow shares, handed to the factories: the clock, the socket transport,
 * the default bind address ({@code --bind}; null binds all interfaces), the buffer allocator, the secrets and the
 * in-process entitlements (a source naming an EntitlementArn is fed by the granting flow through them).
 */
public record EngineContext(NanoClock clock, Transport transport, InetAddress bindAddress, ByteBufAllocator allocator,
                            SecretResolver secrets, EntitlementHub entitlements) {}
