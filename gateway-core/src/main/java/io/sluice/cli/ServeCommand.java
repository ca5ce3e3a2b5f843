package io.sluice.cli;

import io.sluice.gateway.api.ApiKeys;
import io.sluice.gateway.api.ConfigFlowValidator;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.api.GatewayFlowEngine;
import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.api.FlowService;
import io.sluice.gateway.api.MediaConnectApi;
import io.sluice.gateway.api.SigV4Verifier;
import io.sluice.gateway.api.EngineSourceMetadata;
import io.sluice.gateway.entitlement.ResourceArns;
import io.sluice.gateway.http.HttpEndpoint;
import io.sluice.gateway.http.HttpServer;
import io.sluice.gateway.metrics.FlowHealth;
import io.sluice.gateway.metrics.FlowMetrics;
import io.sluice.gateway.metrics.MetricsEndpoint;
import io.sluice.gateway.store.FlowStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sluice serve}: the gateway as a daemon. Restores the flows stored under {@code --data-dir} (starting those
 * that were running) and serves MediaConnect's REST API so the AWS CLI and SDKs drive it with an endpoint override.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway as a daemon with MediaConnect's REST API; flows survive restarts.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--listen", defaultValue = "127.0.0.1:8400", paramLabel = "HOST:PORT",
            description = "Address of the HTTP API (default: ${DEFAULT-VALUE}; loopback unless told otherwise).")
    String listen;

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR",
            description = "Where flows and their desired state are stored (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--secrets-dir", defaultValue = "./secrets", paramLabel = "DIR",
            description = "Where SecretArn names resolve to key files (default: ${DEFAULT-VALUE}).")
    Path secretsDir;

    @Option(names = "--api-keys", paramLabel = "FILE",
            description = "Require AWS Signature V4: lines 'ACCESS_KEY_ID SECRET_ACCESS_KEY [ACCOUNT_ID]' (mode 600).")
    Path apiKeys;

    @Option(names = "--region", defaultValue = ResourceArns.DEFAULT_REGION,
            description = "Region in the ARNs this daemon hands out (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account-id", defaultValue = ResourceArns.DEFAULT_ACCOUNT, paramLabel = "ID",
            description = "12-digit account in the ARNs this daemon hands out (default: ${DEFAULT-VALUE}).")
    String accountId;

    @Option(names = "--ingest-ip", paramLabel = "IP",
            description = "Address reported as IngestIp, EgressIp and ListenerAddress (default: the --listen host, "
                    + "or 127.0.0.1 when it is a wildcard).")
    String ingestIp;

    @Override
    public Integer call() throws InterruptedException {
        try {
            return serve();
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("sluice serve: " + e.getMessage());
            return 2;
        }
    }

    private int serve() throws InterruptedException {
        InetSocketAddress address = parseListen(listen);
        if (apiKeys == null && !address.getAddress().isLoopbackAddress()) {
            System.err.println("sluice serve: warning: the API on " + listen + " accepts unsigned requests from the network;"
                    + " give --api-keys FILE to require AWS Signature V4");
        }
        ResourceArns arns = ResourceArns.random(region, accountId);
        SigV4Verifier verifier = apiKeys == null ? null : new SigV4Verifier(ApiKeys.load(apiKeys, accountId), Instant::now);
        String reportedIp = ingestIp != null ? ingestIp
                : address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        Gateway gateway = Gateway.builder().secrets(SecretResolver.directory(secretsDir)).build();
        GatewayFlowEngine engine = new GatewayFlowEngine(gateway);
        FlowService flows = new FlowService(arns, new FlowStore(dataDir), engine, new ConfigFlowValidator(), reportedIp);
        FlowService.RestoreReport restored = flows.restore();
        for (String problem : restored.problems()) {
            System.err.println("sluice serve: could not restore " + problem);
        }
        List<HttpEndpoint> endpoints = new ArrayList<>();
        endpoints.add(new MediaConnectApi(flows, verifier, new EngineSourceMetadata(engine, gateway.clock())));
        endpoints.add(new MetricsEndpoint(new FlowMetrics(() -> health(flows, engine))));
        HttpServer server = new HttpServer(endpoints);
        InetSocketAddress bound = server.start(address);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("sluice-shutdown").unstarted(() -> {
            server.close();
            gateway.close();   // stops the flows; the store keeps them RUNNING, so the next start restarts them
            stopped.countDown();
        }));
        System.out.println("sluice serve: MediaConnect API on http://" + bound.getHostString() + ":" + bound.getPort()
                + (verifier == null ? " (unsigned requests accepted)" : " (AWS Signature V4 required)")
                + "; data in " + dataDir.toAbsolutePath().normalize() + "; " + restored.flows() + " flows restored, "
                + restored.started() + " started");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** /metrics and /ready see every flow of the control plane, with the engine's counters while it runs. */
    private static List<FlowHealth> health(FlowService flows, GatewayFlowEngine engine) {
        List<FlowHealth> out = new ArrayList<>();
        for (FlowService.FlowState flow : flows.states()) {
            out.add(engine.health(flow));
        }
        return out;
    }

    private static InetSocketAddress parseListen(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--listen \"" + value + "\": expected HOST:PORT, e.g. 127.0.0.1:8400");
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            return new InetSocketAddress(value.substring(0, colon).replace("[", "").replace("]", ""), port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--listen \"" + value + "\": expected HOST:PORT with a port 0-65535", e);
        }
    }
}
