package io.sluice.cli;

import io.sluice.config.ConfigError;
import io.sluice.config.ConfigException;
import io.sluice.config.FlowConfig;
import io.sluice.config.FlowConfigs;
import io.sluice.config.FlowSummary;
import io.sluice.config.SecretReference;
import io.sluice.crypto.secrets.SecretException;
import io.sluice.crypto.secrets.SecretResolver;
import io.sluice.crypto.secrets.StaticKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sluice validate [--secrets-dir DIR] FLOW.json...}: checks flow files as {@code run} and the REST API would.
 * Exit 0 with one summary line per flow, or exit 1 with every error, one per line ({@code FILE: PATH: MESSAGE}).
 */
@Command(name = "validate",
        description = {"Checks flow files (MediaConnect CreateFlow JSON, PascalCase or camelCase).",
                "Prints one summary line per valid flow, or every error, one per line (exit 1)."})
final class ValidateCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--secrets-dir", paramLabel = "DIR",
            description = "Also resolve every SecretArn to the file NAME in DIR (arn:aws:secretsmanager:REGION:ACCOUNT:"
                    + "secret:NAME) and check it: present, chmod 600, right length. Without it secrets are not read.")
    Path secretsDir;

    @Parameters(arity = "1..*", paramLabel = "FLOW.json", description = "Flow files to check.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SecretResolver secrets = secretsDir == null ? null : SecretResolver.directory(secretsDir);
        boolean failed = false;
        for (Path file : files) {
            List<ConfigError> errors = new ArrayList<>();
            FlowConfig flow = null;
            try {
                flow = FlowConfigs.read(file);
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
            if (flow != null && secrets != null) {
                for (SecretReference reference : SecretReference.of(flow)) {
                    String problem = check(secrets, reference);
                    if (problem != null) {
                        errors.add(new ConfigError(reference.path(), problem));
                    }
                }
            }
            if (errors.isEmpty()) {
                out.println(file + ": OK " + FlowSummary.of(flow));
            } else {
                failed = true;
                for (ConfigError error : errors) {
                    err.println(file + ": " + error);
                }
            }
        }
        out.flush();
        err.flush();
        return failed ? 1 : 0;
    }

    /** What is wrong with the secret, or null; never includes the secret itself. */
    static String check(SecretResolver secrets, SecretReference reference) {
        byte[] value;
        try {
            value = secrets.resolve(reference.secretArn());
        } catch (SecretException e) {
            return e.getMessage();
        }
        try {
            return switch (reference.kind()) {
                case STATIC_KEY_HEX -> {
                    int keyBytes = reference.algorithm() == null ? 16 : switch (reference.algorithm()) {
                        case AES128 -> 16;
                        case AES192 -> 24;
                        case AES256 -> 32;
                    };
                    Arrays.fill(StaticKeys.fromHex(reference.secretArn(), value, keyBytes), (byte) 0);
                    yield null;
                }
                // SRT refuses passphrases outside 10-79 characters (srt_setsockopt SRTO_PASSPHRASE).
                case SRT_PASSPHRASE -> value.length < 10 || value.length > 79
                        ? "the SRT passphrase in " + reference.secretArn() + " is " + value.length
                                + " bytes long (SRT expects 10-79)"
                        : null;
                // librist copies at most 127 bytes of the passphrase.
                case RIST_PASSPHRASE -> value.length > 127
                        ? "the RIST passphrase in " + reference.secretArn() + " is " + value.length
                                + " bytes long (librist expects at most 127)"
                        : null;
                case SRP_PASSWORD -> new String(value, StandardCharsets.UTF_8).contains("\n")
                        ? "the SRP password in " + reference.secretArn() + " spans several lines (expected one line)"
                        : null;
            };
        } catch (SecretException e) {
            return e.getMessage();
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }
}
