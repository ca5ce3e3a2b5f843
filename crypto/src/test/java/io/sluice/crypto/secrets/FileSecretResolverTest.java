package io.sluice.crypto.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSecretResolverTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:srt-passphrase";
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path secrets;

    private void write(String name, String value, String mode) throws IOException {
        Path file = secrets.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, value, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    @Test
    void mapsTheArnNameToAFileAndDropsOneTrailingLineBreak() throws IOException {
        write("srt-passphrase", PASSPHRASE + "\n", "rw-------");

        assertThat(SecretResolver.directory(secrets).resolveText(ARN)).isEqualTo(PASSPHRASE);
    }

    @Test
    void keepsInnerAndLeadingWhitespaceAndCrLfIsOneLineBreak() throws IOException {
        write("srt-passphrase", " two\nlines\r\n", "r--------");

        assertThat(SecretResolver.directory(secrets).resolveText(ARN)).isEqualTo(" two\nlines");
    }

    @Test
    void namesWithSlashesAreSubdirectories() throws IOException {
        write("prod/rist-psk", "psk", "rw-------");

        assertThat(SecretResolver.directory(secrets)
                .resolveText("arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/rist-psk")).isEqualTo("psk");
    }

    @Test
    void refusesAFileReadableByOthersWithoutShowingTheSecret() throws IOException {
        write("srt-passphrase", PASSPHRASE, "rw-r--r--");

        assertThatThrownBy(() -> SecretResolver.directory(secrets).resolve(ARN))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("open to group or others (mode rw-r--r--)")
                .hasMessageContaining("chmod 600")
                .hasMessageNotContaining(PASSPHRASE);
    }

    @Test
    void refusesAFileWritableByGroup() throws IOException {
        write("srt-passphrase", PASSPHRASE, "rw--w----");

        assertThatThrownBy(() -> SecretResolver.directory(secrets).resolve(ARN))
                .isInstanceOf(SecretException.class).hasMessageContaining("open to group or others");
    }

    @Test
    void explainsAMissingFile() {
        assertThatThrownBy(() -> SecretResolver.directory(secrets).resolve(ARN))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("no file " + secrets.resolve("srt-passphrase"))
                .hasMessageContaining("--secrets-dir");
    }

    @Test
    void refusesEmptySecrets() throws IOException {
        write("srt-passphrase", "\n", "rw-------");

        assertThatThrownBy(() -> SecretResolver.directory(secrets).resolve(ARN))
                .isInstanceOf(SecretException.class).hasMessageContaining("is empty");
    }

    @Test
    void refusesMalformedArnsAndPathsThatLeaveTheDirectory() {
        SecretResolver resolver = SecretResolver.directory(secrets);
        assertThatThrownBy(() -> resolver.resolve("arn:aws:s3:::bucket/key"))
                .isInstanceOf(SecretException.class).hasMessageContaining("is not a secret ARN");
        assertThatThrownBy(() -> resolver.resolve("arn:aws:secretsmanager:us-east-1:111122223333:secret:../etc/passwd"))
                .isInstanceOf(SecretException.class).hasMessageContaining("not a plain relative path");
        assertThatThrownBy(() -> resolver.resolve("arn:aws:secretsmanager:us-east-1:111122223333:secret:a//b"))
                .isInstanceOf(SecretException.class).hasMessageContaining("not a plain relative path");
        assertThatThrownBy(() -> resolver.resolve(null))
                .isInstanceOf(SecretException.class).hasMessageContaining("is not a secret ARN");
    }

    @Test
    void refusesNonUtf8TextWithoutShowingIt() throws IOException {
        Files.write(secrets.resolve("srt-passphrase"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        Files.setPosixFilePermissions(secrets.resolve("srt-passphrase"), PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> SecretResolver.directory(secrets).resolveText(ARN))
                .isInstanceOf(SecretException.class).hasMessage("secret " + ARN + " is not UTF-8 text");
    }
}
