package io.sluice.cli;

import io.netty.util.NetUtil;
import io.sluice.config.ConfigError;
import io.sluice.config.ConfigException;
import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.gateway.engine.Gateway;
import io.sluice.gateway.flow.Flow;
import io.sluice.gateway.flow.FlowSnapshot;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice run FLOW.json [FLOW2.json ...]}: starts every flow on one gateway, prints a live table once a
 * second on an interactive terminal (one log line per flow and interval otherwise), and stops cleanly on Ctrl-C
 * or SIGTERM (bin/sluice {@code exec}s the JVM, so the signal reaches it and the shutdown hook closes every flow).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs flows described by CreateFlow JSON files until Ctrl-C / SIGTERM, showing live counters.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("sluice.run");

    @Parameters(arity = "1..*", paramLabel = "FLOW.json", description = "Flow files (CreateFlow request JSON).")
    List<Path> files;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address sources listen on unless a flow says otherwise (default: all interfaces).")
    String bind;

    @Option(names = "--secrets-dir", paramLabel = "DIR", defaultValue = "secrets",
            description = "Directory holding the secrets that SecretArn references name (default: ${DEFAULT-VALUE}).")
    Path secretsDir;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between table refreshes or log lines (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop by itself after this many seconds (default: run until Ctrl-C / SIGTERM).")
    Long durationSeconds;

    @Option(names = "--threads", paramLabel = "N", description = "Event-loop threads shared by all flows (default: cores).")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream err = System.err;
        List<FlowConfig> configs = new ArrayList<>();
        for (Path file : files) {
            try {
                configs.add(FlowConfigs.read(file));
            } catch (ConfigException e) {
                for (ConfigError error : e.errors()) {
                    err.println(file + ": " + error);
                }
                return 1;
            }
        }
        InetAddress bindAddress = null;
        if (bind != null) {
            bindAddress = NetUtil.createInetAddressFromIpAddressString(bind);
            if (bindAddress == null) {
                err.println("--bind " + bind + ": not an IP address (expected e.g. 0.0.0.0, 127.0.0.1 or ::)");
                return 2;
            }
        }
        Gateway.Builder builder = Gateway.builder().bindAddress(bindAddress).secrets(SecretResolver.directory(secretsDir));
        if (threads != null) {
            builder.threads(threads);
        }
        Gateway gateway = builder.build();
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            err.println("sluice: stopping every flow ...");
            gateway.close();
            err.println("sluice: stopped");
            closed.countDown();
        }, "sluice-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            try {
                flows.add(gateway.create(configs.get(i)));
            } catch (RuntimeException e) {
                err.println(files.get(i) + ": " + e.getMessage());
                return shutDown(hook, gateway, 1);
            }
        }
        int started = 0;
        List<Future<Void>> starts = flows.stream().map(Flow::start).toList();
        for (int i = 0; i < flows.size(); i++) {
            Future<Void> start = starts.get(i);
            if (!start.awaitUninterruptibly(30, TimeUnit.SECONDS)) {
                err.println("flow " + flows.get(i).name() + ": did not start within 30 s");
            } else if (!start.isSuccess()) {
                err.println("flow " + flows.get(i).name() + ": ERROR: " + start.cause().getMessage());
            } else {
                started++;
            }
        }
        if (started == 0) {
            return shutDown(hook, gateway, 1);
        }
        boolean terminal = System.console() != null && System.console().isTerminal();
        long deadlineNs = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + durationSeconds * 1_000_000_000L;
        while (!closed.await(intervalSeconds, TimeUnit.SECONDS)) {
            List<FlowSnapshot> snapshots = snapshots(flows);
            if (snapshots == null) {
                break;   // the gateway is shutting down under us
            }
            if (terminal) {
                System.out.print("\033[H\033[2J" + LiveTable.table(snapshots) + "Ctrl-C to stop\n");
                System.out.flush();
            } else {
                for (FlowSnapshot snapshot : snapshots) {
                    log.info(LiveTable.summary(snapshot));
                }
            }
            if (System.nanoTime() - deadlineNs >= 0) {
                return shutDown(hook, gateway, 0);
            }
        }
        closed.await();
        return 0;
    }

    private static List<FlowSnapshot> snapshots(List<Flow> flows) {
        List<FlowSnapshot> snapshots = new ArrayList<>(flows.size());
        try {
            for (Flow flow : flows) {
                snapshots.add(flow.snapshot().get(5, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            return null;
        }
        return snapshots;
    }

    private static int shutDown(Thread hook, Gateway gateway, int exitCode) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            return exitCode;
        }
        gateway.close();
        return exitCode;
    }
}
