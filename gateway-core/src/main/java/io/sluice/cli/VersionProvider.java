package io.sluice.cli;

import picocli.CommandLine;

/** Prints the version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"sluice " + (version == null ? "dev" : version) + " (Java " + Runtime.version() + ")"};
    }
}
