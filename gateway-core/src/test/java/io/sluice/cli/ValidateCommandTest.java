package io.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String PASSPHRASE = "a-long-srt-passphrase";

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int validate(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void printsOneSummaryLinePerValidFlow() throws IOException {
        List<String> examples;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            examples = files.map(Path::toString).filter(f -> f.endsWith(".json")).sorted().toList();
        }

        int exit = validate(examples.toArray(String[]::new));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines()).hasSize(examples.size()).allMatch(line -> line.contains(": OK "));
        assertThat(out.toString()).contains("rtp-fanout.json: OK rtp-fanout: source rtp on port 5000 -> 50 outputs (50 rtp)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsEveryErrorOnItsOwnLineAndExitsOne() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, """
                {"Name": "bad", "Source": {"Protocol": "zixi-push", "IngestPort": 2088},
                 "Outputs": [{"Protocol": "rtp", "Destination": "127.0.0.1", "Port": 70000, "Protocl": "rtp"}]}
                """);

        int exit = validate(EXAMPLES.resolve("rtp-fec.json").toString(), bad.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("rtp-fec.json: OK");
        assertThat(err.toString().lines()).containsExactly(
                bad + ": Source.Protocol: zixi-push is Zixi's proprietary protocol, which Sluice cannot carry; use srt-listener or rist instead",
                bad + ": Outputs[0].Port: 70000 is out of range 1024-65535",
                bad + ": Outputs[0].Protocl: unknown member (did you mean \"Protocol\"?)");
    }

    @Test
    void checksSecretsWhenGivenASecretsDirectory() throws IOException {
        Path secrets = tmp.resolve("secrets");
        Files.createDirectories(secrets);
        write(secrets.resolve("srt-ingest-passphrase"), PASSPHRASE, "rw-------");
        write(secrets.resolve("srt-output-passphrase"), PASSPHRASE, "rw-------");

        assertThat(validate("--secrets-dir", secrets.toString(), EXAMPLES.resolve("srt-listener-password.json").toString()))
                .as(err.toString()).isZero();
    }

    @Test
    void reportsOpenMissingAndMisshapenSecretsWithoutShowingThem() throws IOException {
        Path secrets = tmp.resolve("secrets");
        Files.createDirectories(secrets);
        write(secrets.resolve("srt-ingest-passphrase"), PASSPHRASE, "rw-r--r--");
        write(secrets.resolve("entitlement-key"), "00112233", "rw-------");

        int exit = validate("--secrets-dir", secrets.toString(),
                EXAMPLES.resolve("srt-listener-password.json").toString(),
                EXAMPLES.resolve("entitlement-subscriber.json").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(3);
        assertThat(err.toString())
                .contains("Source.Decryption.SecretArn: secret arn:aws:secretsmanager:us-east-1:111122223333:secret:"
                        + "srt-ingest-passphrase: " + secrets.toAbsolutePath().resolve("srt-ingest-passphrase")
                        + " is open to group or others (mode rw-r--r--)")
                .contains("Outputs[0].Encryption.SecretArn: secret arn:aws:secretsmanager:us-east-1:111122223333:secret:"
                        + "srt-output-passphrase: no file")
                .contains("holds 8 characters (expected 32 hex digits for a 128-bit AES key)")
                .doesNotContain(PASSPHRASE).doesNotContain("00112233");
    }

    @Test
    void refusesAnSrtPassphraseSrtWouldRefuse() throws IOException {
        Path secrets = tmp.resolve("secrets");
        Files.createDirectories(secrets);
        write(secrets.resolve("srt-ingest-passphrase"), "short", "rw-------");
        write(secrets.resolve("srt-output-passphrase"), PASSPHRASE, "rw-------");

        int exit = validate("--secrets-dir", secrets.toString(), EXAMPLES.resolve("srt-listener-password.json").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("is 5 bytes long (SRT expects 10-79)").doesNotContain(": short");
    }

    private static void write(Path file, String value, String mode) throws IOException {
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }
}
