package io.sluice.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sluice serve}: placeholder until its issue lands; it says so and exits 2. */
@Command(name = "serve", description = "(not built yet)")
final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sluice serve: not built yet");
        return 2;
    }
}
