package io.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command line: {@code run}, {@code validate}, {@code serve}. */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Sluice: a self-hosted live-video transport gateway with MediaConnect-shaped flows.",
        subcommands = {RunCommand.class, ValidateCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
