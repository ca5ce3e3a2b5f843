package io.sluice.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sluice run}: placeholder until its issue lands; it says so and exits 2. */
@Command(name = "run", description = "(not built yet)")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sluice run: not built yet");
        return 2;
    }
}
