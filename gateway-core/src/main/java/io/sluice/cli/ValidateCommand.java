package io.sluice.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sluice validate}: placeholder until its issue lands; it says so and exits 2. */
@Command(name = "validate", description = "(not built yet)")
final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sluice validate: not built yet");
        return 2;
    }
}
