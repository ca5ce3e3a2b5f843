package io.sluice.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates valid flows (as records, before defaults) from a seed: every protocol Sluice carries, optional members
 * present or not, encryption where it is allowed, extensions, failover and merge pairs, entitlements, tags.
 */
final class RandomFlows {
    private static final String ROLE = "arn:aws:iam::111122223333:role/sluice";
    private static final Protocol[] CARRIED = {Protocol.RTP, Protocol.RTP_FEC, Protocol.RIST, Protocol.SRT_LISTENER,
            Protocol.SRT_CALLER, Protocol.UDP};
    private static final String[] HOSTS = {"127.0.0.1", "127.0.0.2", "::1", "localhost", "receiver.example.net"};
    private static final String[] CIDRS = {"127.0.0.0/8", "10.0.0.0/8", "::1/128", "2001:db8::/32", "0.0.0.0/0"};

    private final Random random;

    RandomFlows(long seed) {
        random = new Random(seed);
    }

    FlowConfig flow() {
        int sourceCount = random.nextInt(4) == 0 ? 2 : 1;
        List<SourceConfig> sources = new ArrayList<>();
        FailoverConfig failover = null;
        if (sourceCount == 2) {
            boolean merge = random.nextBoolean();
            Protocol first = merge ? pick(Protocol.RTP, Protocol.RTP_FEC, Protocol.RIST) : pick(CARRIED);
            Protocol second = (first == Protocol.RTP || first == Protocol.RTP_FEC) ? pick(Protocol.RTP, Protocol.RTP_FEC) : first;
            sources.add(source(first, 0, "a"));
            sources.add(source(second, 1, "b"));
            failover = new FailoverConfig(merge ? FailoverMode.MERGE : maybe(FailoverMode.FAILOVER),
                    merge ? maybe(100 + random.nextInt(14900)) : null,
                    !merge && random.nextBoolean() ? new SourcePriority(pick("a", "b")) : null, State.ENABLED);
        } else {
            sources.add(random.nextInt(8) == 0 ? entitled() : source(pick(CARRIED), 0, maybe("src")));
            if (random.nextBoolean()) {
                failover = new FailoverConfig(maybe(FailoverMode.FAILOVER), null, null, maybe(pick(State.values())));
            }
        }
        List<OutputConfig> outputs = new ArrayList<>();
        int outputCount = random.nextInt(6) == 0 ? 50 : random.nextInt(6);
        for (int i = 0; i < outputCount; i++) {
            outputs.add(output(pick(CARRIED), i));
        }
        List<EntitlementConfig> entitlements = new ArrayList<>();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            entitlements.add(new EntitlementConfig(maybe("ent" + i), maybe("note " + i), List.of("111122223333", "444455556666").subList(0, 1 + random.nextInt(2)),
                    maybe(random.nextInt(101)), random.nextBoolean() ? staticKey(Protocol.RTP) : null,
                    maybe(pick(EntitlementStatus.values())), tags()));
        }
        MaintenanceConfig maintenance = random.nextBoolean() ? null
                : new MaintenanceConfig(pick(MaintenanceDay.values()), String.format("%02d:00", random.nextInt(24)));
        return new FlowConfig(name(64), maybe("us-east-1a"), sources, failover, outputs, entitlements, List.of(), List.of(),
                maintenance, maybe(FlowSize.MEDIUM), tags(), sourceCount == 1 && random.nextBoolean() ? SourceMember.SOURCE : SourceMember.SOURCES);
    }

    private SourceConfig source(Protocol protocol, int index, String name) {
        int port = 2000 + 10 * index + 20 * random.nextInt(390); // below the output ports (10000+)
        boolean caller = protocol == Protocol.SRT_CALLER;
        boolean srt = Protocols.isSrt(protocol);
        EncryptionConfig decryption = null;
        if (random.nextInt(3) == 0) {
            decryption = srt ? srtPassword() : protocol == Protocol.UDP ? null : staticKey(protocol);
        }
        return new SourceConfig(name, maybe("source with \"quotes\" and ünïcödé"), protocol,
                caller ? null : port, caller ? null : maybe(pick(CIDRS)), maybe(1 + random.nextInt(200_000_000)),
                protocol == Protocol.RIST ? maybe(1 + random.nextInt(15000)) : srt ? maybe(100 + random.nextInt(14901)) : null,
                srt ? maybe(100 + random.nextInt(14901)) : null, srt ? maybe("stream-" + random.nextInt(9)) : null,
                caller ? pick(HOSTS) : null, caller ? 1024 + random.nextInt(64512) : null, decryption,
                null, null, List.of(), null, null, null, tags(), extensions(protocol, true, decryption, false));
    }

    private SourceConfig entitled() {
        return new SourceConfig(maybe("entitled"), null, null, null, null, null, null, null, null, null, null,
                random.nextBoolean() ? staticKey(Protocol.RTP) : null,
                "arn:aws:mediaconnect:us-east-1:111122223333:entitlement:1-abc:" + name(20),
                null, List.of(), null, null, null, tags(), null);
    }

    private OutputConfig output(Protocol protocol, int index) {
        boolean srt = Protocols.isSrt(protocol);
        boolean listener = protocol == Protocol.SRT_LISTENER;
        int port = (listener ? 40000 : 10000) + 10 * index;
        EncryptionConfig encryption = null;
        if (random.nextInt(3) == 0) {
            encryption = srt ? srtPassword() : protocol == Protocol.UDP ? null : staticKey(protocol);
        }
        List<String> allow = new ArrayList<>();
        if (listener) {
            for (int i = 0, n = random.nextInt(3); i < n; i++) {
                allow.add(pick(CIDRS));
            }
        }
        boolean rtpFamily = protocol == Protocol.RTP || protocol == Protocol.UDP || protocol == Protocol.RTP_FEC;
        String destination = listener ? null : rtpFamily && random.nextInt(4) == 0 ? pick("239.9.9.9", "ff3e::9") : pick(HOSTS);
        return new OutputConfig(random.nextInt(4) == 0 ? null : "out-" + index, maybe("output " + index), protocol,
                destination, port, allow,
                protocol == Protocol.RIST ? maybe(1 + random.nextInt(15000)) : null,
                srt ? maybe(100 + random.nextInt(14901)) : null,
                srt ? null : maybe(random.nextInt(15001)), srt ? maybe("sid") : null, encryption, List.of(), null, null,
                null, maybe(pick(OutputStatus.values())), tags(), extensions(protocol, false, encryption,
                destination != null && (destination.startsWith("239.") || destination.startsWith("ff"))));
    }

    private SluiceExtensionsConfig extensions(Protocol protocol, boolean source, EncryptionConfig encryption,
                                              boolean multicastDestination) {
        if (random.nextBoolean()) {
            return null;
        }
        String bind = maybe(pick("127.0.0.1", "0.0.0.0", "::", "::1"));
        RistProfile profile = null;
        String user = null;
        String password = null;
        if (protocol == Protocol.RIST) {
            boolean srp = random.nextBoolean();
            if (srp) {
                user = "user" + random.nextInt(10);
                password = "arn:aws:secretsmanager:us-east-1:111122223333:secret:srp-" + random.nextInt(10);
            }
            profile = srp || encryption != null ? maybe(RistProfile.MAIN) : maybe(pick(RistProfile.values()));
        }
        Integer columns = null;
        Integer rows = null;
        FecMode mode = null;
        if (protocol == Protocol.RTP_FEC && !source) {
            columns = maybe(4 + random.nextInt(17));
            int maxRows = Math.min(20, 100 / (columns == null ? FlowDefaults.FEC_COLUMNS : columns));
            rows = 4 + random.nextInt(maxRows - 3);
            if (maxRows >= FlowDefaults.FEC_ROWS) {
                rows = maybe(rows); // leaving it out is valid only when the default 10 rows fit the matrix
            }
            mode = maybe(pick(FecMode.values()));
        }
        String multicastInterface = null;
        String multicastSource = null;
        Integer ttl = null;
        Boolean loopback = null;
        if (protocol == Protocol.RTP || protocol == Protocol.UDP || protocol == Protocol.RTP_FEC) {
            if (source) {
                if (random.nextInt(4) == 0) {
                    bind = pick("239.1.2.3", "ff3e::1");
                    multicastInterface = maybe(pick("lo", "eth0", "127.0.0.1"));
                    multicastSource = bind.contains(":") ? maybe("2001:db8::5") : maybe("192.0.2.5");
                }
            } else if (multicastDestination) {
                multicastInterface = maybe(pick("lo", "::1"));
                ttl = maybe(random.nextInt(256));
                loopback = maybe(random.nextBoolean());
            }
        }
        return new SluiceExtensionsConfig(bind, profile, user, password, columns, rows, mode, multicastInterface,
                multicastSource, ttl, loopback);
    }

    private EncryptionConfig staticKey(Protocol protocol) {
        Algorithm algorithm = protocol == Protocol.RIST ? pick(Algorithm.AES128, Algorithm.AES256) : pick(Algorithm.values());
        return new EncryptionConfig(algorithm, maybe(KeyType.STATIC_KEY),
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:key-" + random.nextInt(100), ROLE,
                null, null, null, null, null);
    }

    private EncryptionConfig srtPassword() {
        return new EncryptionConfig(maybe(pick(Algorithm.values())), KeyType.SRT_PASSWORD,
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/srt-" + random.nextInt(100), ROLE,
                null, null, null, null, null);
    }

    private Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            tags.put(pick("key", "dept:video", "sluicegate") + i, "välue " + random.nextInt());
        }
        return tags;
    }

    private String name(int maxLength) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(maxLength); i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private <T> T maybe(T value) {
        return random.nextBoolean() ? value : null;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
